//! Per-engine binding and decoding to and from [`Value`]: the only code that knows
//! how each engine stores booleans and timestamps on the wire.

use anyhow::Result;
use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::query::Query;
use sqlx::{Column, Database, Row, TypeInfo, ValueRef};

use super::value::{SQLITE_TIMESTAMP_FORMAT, Value};

pub type Bound<'q, D> = Query<'q, D, <D as Database>::Arguments>;

pub trait Driver:
    Database<Arguments: sqlx::IntoArguments<Self>> + sqlx::database::HasStatementCache
{
    fn bind<'q>(query: Bound<'q, Self>, value: &Value) -> Bound<'q, Self>;
    fn decode_cell(row: &Self::Row, index: usize, type_name: &str) -> Result<Value>;
}

/// Decodes every cell of a row by the type the engine reports for it.
pub fn decode_row<D: Driver>(row: &D::Row) -> Result<Vec<Value>>
where
    usize: sqlx::ColumnIndex<D::Row>,
{
    // Sized once: collecting through `Result` would grow the vector three times per row.
    let mut values = Vec::with_capacity(row.len());
    for index in 0..row.len() {
        let raw = row.try_get_raw(index)?;
        values.push(if raw.is_null() {
            Value::Null
        } else {
            // Kept alive so the name borrows it: no string allocated per cell.
            let type_info = raw.type_info();
            D::decode_cell(row, index, type_info.name())?
        });
    }
    Ok(values)
}

/// A column of a type no users table uses: not the schema breakglass expects (exit 7).
fn unsupported<R: Row>(row: &R, index: usize, type_name: &str) -> Result<Value> {
    let column = row
        .columns()
        .get(index)
        .map(|c| c.name().to_owned())
        .unwrap_or_default();
    Err(crate::exit::Failure::error(
        crate::exit::DATABASE,
        format!(
            "column '{column}' has type {type_name}, which breakglass cannot read; \
             is this the gateway's users table?"
        ),
    ))
}

impl Driver for sqlx::Sqlite {
    fn bind<'q>(query: Bound<'q, Self>, value: &Value) -> Bound<'q, Self> {
        match value {
            Value::Null => query.bind(None::<i64>),
            // The gateway (SQLAlchemy) writes 0/1; text would read back as true.
            Value::Bool(flag) => query.bind(i64::from(*flag)),
            Value::Int(number) => query.bind(*number),
            Value::Float(number) => query.bind(*number),
            Value::Text(text) => query.bind(text.clone()),
            Value::Timestamp(at) => query.bind(at.format(SQLITE_TIMESTAMP_FORMAT).to_string()),
        }
    }

    // The storage class of the value itself, not the declared column type.
    fn decode_cell(row: &Self::Row, index: usize, type_name: &str) -> Result<Value> {
        Ok(match type_name {
            "INTEGER" | "BOOLEAN" => Value::Int(row.try_get_unchecked(index)?),
            "REAL" | "NUMERIC" => Value::Float(row.try_get_unchecked(index)?),
            "TEXT" | "DATETIME" | "DATE" | "TIME" => Value::Text(row.try_get_unchecked(index)?),
            "BLOB" => {
                let bytes: Vec<u8> = row.try_get_unchecked(index)?;
                Value::Text(String::from_utf8_lossy(&bytes).into_owned())
            }
            other => return unsupported(row, index, other),
        })
    }
}

/// A NULL whose type PostgreSQL infers from where it is used: a typed NULL (say, text)
/// would be refused by a timestamptz column.
struct UntypedNull;

impl sqlx::Type<sqlx::Postgres> for UntypedNull {
    fn type_info() -> sqlx::postgres::PgTypeInfo {
        // OID 0: "unspecified", as libpq sends for an untyped parameter.
        sqlx::postgres::PgTypeInfo::with_oid(sqlx::postgres::types::Oid(0))
    }
}

impl sqlx::Encode<'_, sqlx::Postgres> for UntypedNull {
    fn encode_by_ref(
        &self,
        _buf: &mut sqlx::postgres::PgArgumentBuffer,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        Ok(sqlx::encode::IsNull::Yes)
    }
}

impl Driver for sqlx::Postgres {
    fn bind<'q>(query: Bound<'q, Self>, value: &Value) -> Bound<'q, Self> {
        match value {
            Value::Null => query.bind(UntypedNull),
            Value::Bool(flag) => query.bind(*flag),
            Value::Int(number) => query.bind(*number),
            Value::Float(number) => query.bind(*number),
            Value::Text(text) => query.bind(text.clone()),
            Value::Timestamp(at) => query.bind(*at),
        }
    }

    fn decode_cell(row: &Self::Row, index: usize, type_name: &str) -> Result<Value> {
        Ok(match type_name {
            "BOOL" => Value::Bool(row.try_get_unchecked(index)?),
            "INT2" => Value::Int(row.try_get_unchecked::<i16, _>(index)?.into()),
            "INT4" => Value::Int(row.try_get_unchecked::<i32, _>(index)?.into()),
            "INT8" => Value::Int(row.try_get_unchecked(index)?),
            "FLOAT4" => Value::Float(row.try_get_unchecked::<f32, _>(index)?.into()),
            "FLOAT8" => Value::Float(row.try_get_unchecked(index)?),
            "TEXT" | "VARCHAR" | "BPCHAR" | "NAME" | "CHAR" => {
                Value::Text(row.try_get_unchecked(index)?)
            }
            "TIMESTAMPTZ" => Value::Timestamp(row.try_get_unchecked::<DateTime<Utc>, _>(index)?),
            "TIMESTAMP" => {
                Value::Timestamp(row.try_get_unchecked::<NaiveDateTime, _>(index)?.and_utc())
            }
            other => return unsupported(row, index, other),
        })
    }
}

impl Driver for sqlx::MySql {
    fn bind<'q>(query: Bound<'q, Self>, value: &Value) -> Bound<'q, Self> {
        match value {
            Value::Null => query.bind(None::<String>),
            Value::Bool(flag) => query.bind(*flag),
            Value::Int(number) => query.bind(*number),
            Value::Float(number) => query.bind(*number),
            Value::Text(text) => query.bind(text.clone()),
            // DATETIME holds no zone; the gateway's convention is UTC.
            Value::Timestamp(at) => query.bind(at.naive_utc()),
        }
    }

    fn decode_cell(row: &Self::Row, index: usize, type_name: &str) -> Result<Value> {
        Ok(match type_name {
            "BOOLEAN" => Value::Bool(row.try_get_unchecked(index)?),
            "TINYINT" | "SMALLINT" | "INT" | "MEDIUMINT" | "BIGINT" | "TINYINT UNSIGNED"
            | "SMALLINT UNSIGNED" | "INT UNSIGNED" | "MEDIUMINT UNSIGNED" | "YEAR" => {
                Value::Int(row.try_get_unchecked(index)?)
            }
            "BIGINT UNSIGNED" => {
                Value::Int(i64::try_from(row.try_get_unchecked::<u64, _>(index)?)?)
            }
            "FLOAT" | "DOUBLE" => Value::Float(row.try_get_unchecked(index)?),
            "CHAR" | "VARCHAR" | "TINYTEXT" | "TEXT" | "MEDIUMTEXT" | "LONGTEXT" | "JSON"
            | "ENUM" => Value::Text(row.try_get_unchecked(index)?),
            "BINARY" | "VARBINARY" | "TINYBLOB" | "BLOB" | "MEDIUMBLOB" | "LONGBLOB" => {
                let bytes: Vec<u8> = row.try_get_unchecked(index)?;
                Value::Text(String::from_utf8_lossy(&bytes).into_owned())
            }
            "DATETIME" => {
                Value::Timestamp(row.try_get_unchecked::<NaiveDateTime, _>(index)?.and_utc())
            }
            "TIMESTAMP" => Value::Timestamp(row.try_get_unchecked::<DateTime<Utc>, _>(index)?),
            other => return unsupported(row, index, other),
        })
    }
}
