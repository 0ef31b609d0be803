//! A PHP-serialized array as a set of keys (WordPress keeps a user's roles as the keys of
//! `a:1:{s:13:"administrator";b:1;}` in usermeta). Only the top level is read: each entry's
//! key, and its value kept as the exact text it was, so that writing the array back changes
//! nothing but the keys added or removed. WordPress unserializes, it does not search for a
//! substring, so `seo_administrator` is not `administrator`.

/// One entry: its key as PHP would print it, and its value's serialized text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    key: Key,
    value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Text(String),
    Int(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySet {
    entries: Vec<Entry>,
}

impl KeySet {
    /// Parses a serialized array; Err says what is wrong, for a message naming the row.
    pub fn parse(text: &str) -> Result<KeySet, String> {
        let mut reader = Reader { text, at: 0 };
        let entries = reader.array()?;
        if reader.at != text.len() {
            return Err(format!("text follows the array at byte {}", reader.at));
        }
        Ok(KeySet { entries })
    }

    pub fn empty() -> KeySet {
        KeySet {
            entries: Vec::new(),
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.entries
            .iter()
            .any(|entry| matches!(&entry.key, Key::Text(text) if text == key))
    }

    /// Adds `key => true` unless the key is there already.
    pub fn insert(&mut self, key: &str) {
        if !self.contains(key) {
            self.entries.push(Entry {
                key: Key::Text(key.to_owned()),
                value: "b:1;".to_owned(),
            });
        }
    }

    pub fn remove(&mut self, key: &str) {
        self.entries
            .retain(|entry| !matches!(&entry.key, Key::Text(text) if text == key));
    }

    /// The array in PHP's serialization, as `serialize()` writes it.
    pub fn serialize(&self) -> String {
        let mut out = format!("a:{}:{{", self.entries.len());
        for entry in &self.entries {
            match &entry.key {
                Key::Text(text) => out.push_str(&format!("s:{}:\"{text}\";", text.len())),
                Key::Int(number) => out.push_str(&format!("i:{number};")),
            }
            out.push_str(&entry.value);
        }
        out.push('}');
        out
    }
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn expect(&mut self, literal: &str) -> Result<(), String> {
        if self.rest().starts_with(literal) {
            self.at += literal.len();
            Ok(())
        } else {
            Err(format!("expected '{literal}' at byte {}", self.at))
        }
    }

    /// Digits (with a sign) up to `end`, consumed with it.
    fn number_until(&mut self, end: char) -> Result<&'a str, String> {
        let rest = self.rest();
        let length = rest
            .find(end)
            .ok_or_else(|| format!("expected '{end}' after byte {}", self.at))?;
        let digits = &rest[..length];
        let valid = digits
            .strip_prefix('-')
            .unwrap_or(digits)
            .bytes()
            .all(|b| b.is_ascii_digit());
        if digits.is_empty() || !valid {
            return Err(format!("expected a number at byte {}", self.at));
        }
        self.at += length + 1;
        Ok(digits)
    }

    fn array(&mut self) -> Result<Vec<Entry>, String> {
        self.expect("a:")?;
        let count: usize = self
            .number_until(':')?
            .parse()
            .map_err(|_| "the entry count is not a count".to_owned())?;
        self.expect("{")?;
        let mut entries = Vec::with_capacity(count.min(64));
        for _ in 0..count {
            let key = match self.rest().as_bytes().first() {
                Some(b's') => Key::Text(self.string()?),
                Some(b'i') => {
                    self.expect("i:")?;
                    Key::Int(
                        self.number_until(';')?
                            .parse()
                            .map_err(|_| "an integer key is out of range".to_owned())?,
                    )
                }
                _ => return Err(format!("expected a key at byte {}", self.at)),
            };
            let start = self.at;
            self.value()?;
            entries.push(Entry {
                key,
                value: self.text[start..self.at].to_owned(),
            });
        }
        self.expect("}")?;
        Ok(entries)
    }

    /// `s:LENGTH:"BYTES";`, LENGTH counted in bytes.
    fn string(&mut self) -> Result<String, String> {
        self.expect("s:")?;
        let length: usize = self
            .number_until(':')?
            .parse()
            .map_err(|_| "a string length is not a length".to_owned())?;
        self.expect("\"")?;
        let end = self.at + length;
        let text = self
            .text
            .get(self.at..end)
            .ok_or_else(|| format!("a string of {length} bytes runs past the end"))?
            .to_owned();
        self.at = end;
        self.expect("\";")?;
        Ok(text)
    }

    /// Skips one value of any type.
    fn value(&mut self) -> Result<(), String> {
        match self.rest().as_bytes().first() {
            Some(b'N') => self.expect("N;"),
            Some(b'b') => {
                self.expect("b:")?;
                let digit = self.number_until(';')?;
                if digit == "0" || digit == "1" {
                    Ok(())
                } else {
                    Err("a boolean is not 0 or 1".to_owned())
                }
            }
            Some(b'i') => {
                self.expect("i:")?;
                self.number_until(';').map(|_| ())
            }
            Some(b'd') => {
                self.expect("d:")?;
                let rest = self.rest();
                let length = rest.find(';').ok_or("a float has no end")?;
                self.at += length + 1;
                Ok(())
            }
            Some(b's') => self.string().map(|_| ()),
            Some(b'a') => self.array().map(|_| ()),
            _ => Err(format!("expected a value at byte {}", self.at)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_roles_as_keys_not_substrings() {
        let admin = KeySet::parse(r#"a:1:{s:13:"administrator";b:1;}"#).expect("valid");
        assert!(admin.contains("administrator"));
        let seo = KeySet::parse(r#"a:1:{s:17:"seo_administrator";b:1;}"#).expect("valid");
        assert!(!seo.contains("administrator"));
        let nested = KeySet::parse(r#"a:3:{i:0;s:3:"x;y";s:6:"editor";b:1;s:1:"z";a:1:{i:0;N;}}"#)
            .expect("valid");
        assert!(nested.contains("editor"));
    }

    #[test]
    fn adding_and_removing_keeps_the_other_entries_verbatim() {
        let mut roles = KeySet::parse(r#"a:1:{s:6:"editor";b:1;}"#).expect("valid");
        roles.insert("administrator");
        roles.insert("administrator");
        assert_eq!(
            roles.serialize(),
            r#"a:2:{s:6:"editor";b:1;s:13:"administrator";b:1;}"#
        );
        roles.remove("administrator");
        assert_eq!(roles.serialize(), r#"a:1:{s:6:"editor";b:1;}"#);
        let mut fresh = KeySet::empty();
        fresh.insert("administrator");
        assert_eq!(fresh.serialize(), r#"a:1:{s:13:"administrator";b:1;}"#);
        // Byte lengths, as PHP counts them.
        let mut accented = KeySet::empty();
        accented.insert("rédacteur");
        assert_eq!(accented.serialize(), r#"a:1:{s:10:"rédacteur";b:1;}"#);
        assert!(KeySet::parse(&accented.serialize()).is_ok());
    }

    #[test]
    fn refuses_what_is_not_one_serialized_array() {
        for bad in [
            "administrator",
            "",
            r#"a:2:{s:13:"administrator";b:1;}"#,
            r#"a:1:{s:99:"administrator";b:1;}"#,
            r#"a:1:{s:13:"administrator";b:1;}trailing"#,
            r#"s:13:"administrator";"#,
            r#"a:1:{s:13:"administrator";b:7;}"#,
        ] {
            assert!(KeySet::parse(bad).is_err(), "{bad}");
        }
    }
}
