//! `verify EMAIL`: checks a password and judges the application's login answer, as doctor,
//! list-admins and every change judge it (exit 0 where it gets in, even to change the password).
//! Writes nothing: no failed attempt is counted.

use anyhow::Result;
use serde_json::json;

use super::{Context, Workspace};
use crate::cli::{OutputFormat, VerifyArgs};
use crate::exit::{LOGIN_REFUSED, PASSWORD_MISMATCH, SUCCESS};
use crate::output;
use crate::password::input::{self, Purpose};
use crate::schema::login::{self, PasswordVerdict};

pub async fn run(context: &Context, args: &VerifyArgs) -> Result<u8> {
    let mut workspace = Workspace::open(context).await?;
    let pepper = super::pepper(&workspace.table.profile)?;
    let user = workspace.table.find(&mut workspace.db, &args.email).await?;
    let (rules, dialect, now) = (
        workspace.rules.clone(),
        workspace.table.dialect(),
        workspace.now,
    );
    workspace.close().await?;
    for oddity in &user.oddities {
        context.warn(oddity);
    }
    let password = input::read(&args.password.source(), Purpose::Check)?;
    let seasoned = crate::password::pepper::seasoned(&password, pepper.as_ref());
    let check = login::check_stored(&user, &seasoned, &rules);
    let is_default = password.expose() == rules.default_user_password;
    let prediction = login::predict(&user, &check, is_default, &rules, dialect, now);

    // Identified only among the schemes the profile lists.
    let scheme = user
        .password_hash
        .as_deref()
        .map(|stored| rules.schemes.identify(stored).name());
    let judgement = prediction.judgement();
    let code = match (&prediction.password, judgement.can_log_in) {
        (PasswordVerdict::DoesNotMatch, _) => PASSWORD_MISMATCH,
        (_, true) => SUCCESS,
        (_, false) => LOGIN_REFUSED,
    };
    let verdict = match prediction.password {
        PasswordVerdict::Matches => "matches",
        PasswordVerdict::DoesNotMatch => "does not match",
        PasswordVerdict::Unusable => "can never match",
    };
    if context.output == OutputFormat::Json {
        let refusals: Vec<_> = prediction
            .refusals
            .iter()
            .map(|refusal| {
                let mut value = serde_json::to_value(refusal).unwrap_or_default();
                value["message"] = json!(refusal.explain(&rules));
                value["fix"] = json!(refusal.fix(&user.email, &rules));
                value
            })
            .collect();
        let mut document = json!({
            "email": user.email,
            "scheme": scheme,
            "password": prediction.password,
        });
        output::extend_object(&mut document, &judgement);
        document["login_would_succeed"] = json!(prediction.login_succeeds());
        document["refusals"] = json!(refusals);
        document["notes"] = json!(prediction.notes);
        document["exit_code"] = json!(code);
        output::print_json(&document)?;
        return Ok(code);
    }
    let mut text = format!(
        "user: {}\nstored hash: {}\npassword: {verdict}\nlogin: {}\n",
        user.email,
        scheme.as_deref().unwrap_or("none (NULL)"),
        judgement.login.words()
    );
    for refusal in &prediction.refusals {
        // A change demand does not refuse: its fix is a choice, not a repair.
        let fix = if refusal.demands_change() {
            "to skip it"
        } else {
            "fix"
        };
        text.push_str(&format!(
            "  - {}\n    {fix}: {}\n",
            refusal.explain(&rules),
            refusal.fix(&user.email, &rules)
        ));
    }
    if prediction.password == PasswordVerdict::DoesNotMatch {
        text.push_str(&format!(
            "  - the password does not match the stored hash\n    fix: breakglass reset {}\n",
            user.email
        ));
    }
    for note in &prediction.notes {
        text.push_str(&format!("note: {note}\n"));
    }
    output::print(&text)?;
    Ok(code)
}
