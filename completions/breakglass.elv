
use builtin;
use str;

set edit:completion:arg-completer[breakglass] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'breakglass'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'breakglass'= {
            cand --database-url 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]'
            cand --env-file 'Read the gateway''s settings from this file instead of ./.env'
            cand --table 'The users table, when it is not the gateway''s email_users'
            cand --connect-timeout 'Seconds to wait for a database server to answer'
            cand --lock-timeout 'Seconds to wait for a lock held by someone else before giving up (exit 9)'
            cand -o 'Output format of the result on stdout'
            cand --output 'Output format of the result on stdout'
            cand --reason 'Why this change is made; kept in the audit record and the gateway''s event'
            cand --audit-log 'Append one JSON line per invocation to this file (created with mode 0600)'
            cand --no-env-file 'Read no .env file, only the environment'
            cand -q 'Print no informational lines on stderr (and skip the work behind them)'
            cand --quiet 'Print no informational lines on stderr (and skip the work behind them)'
            cand -y 'Do not ask for confirmation (for scripts)'
            cand --yes 'Do not ask for confirmation (for scripts)'
            cand --dry-run 'Do everything but commit: show the row before and after, write nothing'
            cand --force 'Allow a change that leaves no admin able to log in'
            cand --no-app-audit 'Do not add an event to the gateway''s own audit trail (email_auth_events)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand hash-password 'Print an Argon2id hash of a password, with the gateway''s parameters'
            cand verify 'Check a user''s password and predict the gateway''s login answer; changes nothing'
            cand list-admins 'List the admins (by every rule the gateway uses) and their login state'
            cand reset 'Set a new password (typed, piped or generated), clear the lockout, and verify it before committing'
            cand unlock 'Clear failed login attempts and the lockout of one user, or of every user with --all'
            cand clear-change-flag 'Stop the gateway from demanding a password change at the next login'
            cand deactivate 'Refuse every future login of a user (for a compromised or departed account)'
            cand completions 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
            cand sandbox 'Create the gateway''s tables with sample users in a new database, to try breakglass on'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'breakglass;hash-password'= {
            cand --password-file 'Read the password from a file (''-'' for standard input; one trailing newline is removed)'
            cand --password-env 'Read the password from this environment variable'
            cand --time-cost 'Argon2 iterations [default: ARGON2ID_TIME_COST or 3]'
            cand --memory-cost 'Argon2 memory in KiB [default: ARGON2ID_MEMORY_COST or 65536]'
            cand --parallelism 'Argon2 lanes [default: ARGON2ID_PARALLELISM or 1]'
            cand --format 'How to print the hash: raw, a shell/.env assignment, docker-compose ($ doubled) or JSON'
            cand --database-url 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]'
            cand --env-file 'Read the gateway''s settings from this file instead of ./.env'
            cand --table 'The users table, when it is not the gateway''s email_users'
            cand --connect-timeout 'Seconds to wait for a database server to answer'
            cand --lock-timeout 'Seconds to wait for a lock held by someone else before giving up (exit 9)'
            cand -o 'Output format of the result on stdout'
            cand --output 'Output format of the result on stdout'
            cand --reason 'Why this change is made; kept in the audit record and the gateway''s event'
            cand --audit-log 'Append one JSON line per invocation to this file (created with mode 0600)'
            cand --password-stdin 'Read the password from standard input (one trailing newline is removed)'
            cand --no-env-file 'Read no .env file, only the environment'
            cand -q 'Print no informational lines on stderr (and skip the work behind them)'
            cand --quiet 'Print no informational lines on stderr (and skip the work behind them)'
            cand -y 'Do not ask for confirmation (for scripts)'
            cand --yes 'Do not ask for confirmation (for scripts)'
            cand --dry-run 'Do everything but commit: show the row before and after, write nothing'
            cand --force 'Allow a change that leaves no admin able to log in'
            cand --no-app-audit 'Do not add an event to the gateway''s own audit trail (email_auth_events)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'breakglass;verify'= {
            cand --password-file 'Read the password from a file (''-'' for standard input; one trailing newline is removed)'
            cand --password-env 'Read the password from this environment variable'
            cand --database-url 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]'
            cand --env-file 'Read the gateway''s settings from this file instead of ./.env'
            cand --table 'The users table, when it is not the gateway''s email_users'
            cand --connect-timeout 'Seconds to wait for a database server to answer'
            cand --lock-timeout 'Seconds to wait for a lock held by someone else before giving up (exit 9)'
            cand -o 'Output format of the result on stdout'
            cand --output 'Output format of the result on stdout'
            cand --reason 'Why this change is made; kept in the audit record and the gateway''s event'
            cand --audit-log 'Append one JSON line per invocation to this file (created with mode 0600)'
            cand --password-stdin 'Read the password from standard input (one trailing newline is removed)'
            cand --no-env-file 'Read no .env file, only the environment'
            cand -q 'Print no informational lines on stderr (and skip the work behind them)'
            cand --quiet 'Print no informational lines on stderr (and skip the work behind them)'
            cand -y 'Do not ask for confirmation (for scripts)'
            cand --yes 'Do not ask for confirmation (for scripts)'
            cand --dry-run 'Do everything but commit: show the row before and after, write nothing'
            cand --force 'Allow a change that leaves no admin able to log in'
            cand --no-app-audit 'Do not add an event to the gateway''s own audit trail (email_auth_events)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'breakglass;list-admins'= {
            cand --database-url 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]'
            cand --env-file 'Read the gateway''s settings from this file instead of ./.env'
            cand --table 'The users table, when it is not the gateway''s email_users'
            cand --connect-timeout 'Seconds to wait for a database server to answer'
            cand --lock-timeout 'Seconds to wait for a lock held by someone else before giving up (exit 9)'
            cand -o 'Output format of the result on stdout'
            cand --output 'Output format of the result on stdout'
            cand --reason 'Why this change is made; kept in the audit record and the gateway''s event'
            cand --audit-log 'Append one JSON line per invocation to this file (created with mode 0600)'
            cand --locked 'Only users that are locked out now'
            cand --all-users 'Every user, not only admins'
            cand --no-env-file 'Read no .env file, only the environment'
            cand -q 'Print no informational lines on stderr (and skip the work behind them)'
            cand --quiet 'Print no informational lines on stderr (and skip the work behind them)'
            cand -y 'Do not ask for confirmation (for scripts)'
            cand --yes 'Do not ask for confirmation (for scripts)'
            cand --dry-run 'Do everything but commit: show the row before and after, write nothing'
            cand --force 'Allow a change that leaves no admin able to log in'
            cand --no-app-audit 'Do not add an event to the gateway''s own audit trail (email_auth_events)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'breakglass;reset'= {
            cand --password-file 'Read the password from a file (''-'' for standard input; one trailing newline is removed)'
            cand --password-env 'Read the password from this environment variable'
            cand --length 'Length of the generated password [default: 24]'
            cand --secret-file 'Write the generated password to this new file (mode 0600) instead of printing it'
            cand --database-url 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]'
            cand --env-file 'Read the gateway''s settings from this file instead of ./.env'
            cand --table 'The users table, when it is not the gateway''s email_users'
            cand --connect-timeout 'Seconds to wait for a database server to answer'
            cand --lock-timeout 'Seconds to wait for a lock held by someone else before giving up (exit 9)'
            cand -o 'Output format of the result on stdout'
            cand --output 'Output format of the result on stdout'
            cand --reason 'Why this change is made; kept in the audit record and the gateway''s event'
            cand --audit-log 'Append one JSON line per invocation to this file (created with mode 0600)'
            cand --password-stdin 'Read the password from standard input (one trailing newline is removed)'
            cand --generate 'Generate a random password from the OS CSPRNG instead of reading one'
            cand --reveal 'Print the generated password on stdout even when it is not a terminal'
            cand --must-change 'Make the user change the password at the next login (the default)'
            cand --no-must-change 'Let the user keep this password'
            cand --activate 'Also make an inactive user active again'
            cand --skip-policy 'Set the password even if the gateway''s password policy would refuse it (recorded in the audit)'
            cand --no-env-file 'Read no .env file, only the environment'
            cand -q 'Print no informational lines on stderr (and skip the work behind them)'
            cand --quiet 'Print no informational lines on stderr (and skip the work behind them)'
            cand -y 'Do not ask for confirmation (for scripts)'
            cand --yes 'Do not ask for confirmation (for scripts)'
            cand --dry-run 'Do everything but commit: show the row before and after, write nothing'
            cand --force 'Allow a change that leaves no admin able to log in'
            cand --no-app-audit 'Do not add an event to the gateway''s own audit trail (email_auth_events)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'breakglass;unlock'= {
            cand --database-url 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]'
            cand --env-file 'Read the gateway''s settings from this file instead of ./.env'
            cand --table 'The users table, when it is not the gateway''s email_users'
            cand --connect-timeout 'Seconds to wait for a database server to answer'
            cand --lock-timeout 'Seconds to wait for a lock held by someone else before giving up (exit 9)'
            cand -o 'Output format of the result on stdout'
            cand --output 'Output format of the result on stdout'
            cand --reason 'Why this change is made; kept in the audit record and the gateway''s event'
            cand --audit-log 'Append one JSON line per invocation to this file (created with mode 0600)'
            cand --all 'Every user that is locked or has failed attempts counted'
            cand --no-env-file 'Read no .env file, only the environment'
            cand -q 'Print no informational lines on stderr (and skip the work behind them)'
            cand --quiet 'Print no informational lines on stderr (and skip the work behind them)'
            cand -y 'Do not ask for confirmation (for scripts)'
            cand --yes 'Do not ask for confirmation (for scripts)'
            cand --dry-run 'Do everything but commit: show the row before and after, write nothing'
            cand --force 'Allow a change that leaves no admin able to log in'
            cand --no-app-audit 'Do not add an event to the gateway''s own audit trail (email_auth_events)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'breakglass;clear-change-flag'= {
            cand --database-url 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]'
            cand --env-file 'Read the gateway''s settings from this file instead of ./.env'
            cand --table 'The users table, when it is not the gateway''s email_users'
            cand --connect-timeout 'Seconds to wait for a database server to answer'
            cand --lock-timeout 'Seconds to wait for a lock held by someone else before giving up (exit 9)'
            cand -o 'Output format of the result on stdout'
            cand --output 'Output format of the result on stdout'
            cand --reason 'Why this change is made; kept in the audit record and the gateway''s event'
            cand --audit-log 'Append one JSON line per invocation to this file (created with mode 0600)'
            cand --touch 'Also set password_changed_at to now (for a password older than PASSWORD_MAX_AGE_DAYS)'
            cand --no-env-file 'Read no .env file, only the environment'
            cand -q 'Print no informational lines on stderr (and skip the work behind them)'
            cand --quiet 'Print no informational lines on stderr (and skip the work behind them)'
            cand -y 'Do not ask for confirmation (for scripts)'
            cand --yes 'Do not ask for confirmation (for scripts)'
            cand --dry-run 'Do everything but commit: show the row before and after, write nothing'
            cand --force 'Allow a change that leaves no admin able to log in'
            cand --no-app-audit 'Do not add an event to the gateway''s own audit trail (email_auth_events)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'breakglass;deactivate'= {
            cand --database-url 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]'
            cand --env-file 'Read the gateway''s settings from this file instead of ./.env'
            cand --table 'The users table, when it is not the gateway''s email_users'
            cand --connect-timeout 'Seconds to wait for a database server to answer'
            cand --lock-timeout 'Seconds to wait for a lock held by someone else before giving up (exit 9)'
            cand -o 'Output format of the result on stdout'
            cand --output 'Output format of the result on stdout'
            cand --reason 'Why this change is made; kept in the audit record and the gateway''s event'
            cand --audit-log 'Append one JSON line per invocation to this file (created with mode 0600)'
            cand --no-env-file 'Read no .env file, only the environment'
            cand -q 'Print no informational lines on stderr (and skip the work behind them)'
            cand --quiet 'Print no informational lines on stderr (and skip the work behind them)'
            cand -y 'Do not ask for confirmation (for scripts)'
            cand --yes 'Do not ask for confirmation (for scripts)'
            cand --dry-run 'Do everything but commit: show the row before and after, write nothing'
            cand --force 'Allow a change that leaves no admin able to log in'
            cand --no-app-audit 'Do not add an event to the gateway''s own audit trail (email_auth_events)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'breakglass;completions'= {
            cand --database-url 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]'
            cand --env-file 'Read the gateway''s settings from this file instead of ./.env'
            cand --table 'The users table, when it is not the gateway''s email_users'
            cand --connect-timeout 'Seconds to wait for a database server to answer'
            cand --lock-timeout 'Seconds to wait for a lock held by someone else before giving up (exit 9)'
            cand -o 'Output format of the result on stdout'
            cand --output 'Output format of the result on stdout'
            cand --reason 'Why this change is made; kept in the audit record and the gateway''s event'
            cand --audit-log 'Append one JSON line per invocation to this file (created with mode 0600)'
            cand --no-env-file 'Read no .env file, only the environment'
            cand -q 'Print no informational lines on stderr (and skip the work behind them)'
            cand --quiet 'Print no informational lines on stderr (and skip the work behind them)'
            cand -y 'Do not ask for confirmation (for scripts)'
            cand --yes 'Do not ask for confirmation (for scripts)'
            cand --dry-run 'Do everything but commit: show the row before and after, write nothing'
            cand --force 'Allow a change that leaves no admin able to log in'
            cand --no-app-audit 'Do not add an event to the gateway''s own audit trail (email_auth_events)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'breakglass;sandbox'= {
            cand --database-url 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]'
            cand --env-file 'Read the gateway''s settings from this file instead of ./.env'
            cand --table 'The users table, when it is not the gateway''s email_users'
            cand --connect-timeout 'Seconds to wait for a database server to answer'
            cand --lock-timeout 'Seconds to wait for a lock held by someone else before giving up (exit 9)'
            cand -o 'Output format of the result on stdout'
            cand --output 'Output format of the result on stdout'
            cand --reason 'Why this change is made; kept in the audit record and the gateway''s event'
            cand --audit-log 'Append one JSON line per invocation to this file (created with mode 0600)'
            cand --no-env-file 'Read no .env file, only the environment'
            cand -q 'Print no informational lines on stderr (and skip the work behind them)'
            cand --quiet 'Print no informational lines on stderr (and skip the work behind them)'
            cand -y 'Do not ask for confirmation (for scripts)'
            cand --yes 'Do not ask for confirmation (for scripts)'
            cand --dry-run 'Do everything but commit: show the row before and after, write nothing'
            cand --force 'Allow a change that leaves no admin able to log in'
            cand --no-app-audit 'Do not add an event to the gateway''s own audit trail (email_auth_events)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'breakglass;help'= {
            cand hash-password 'Print an Argon2id hash of a password, with the gateway''s parameters'
            cand verify 'Check a user''s password and predict the gateway''s login answer; changes nothing'
            cand list-admins 'List the admins (by every rule the gateway uses) and their login state'
            cand reset 'Set a new password (typed, piped or generated), clear the lockout, and verify it before committing'
            cand unlock 'Clear failed login attempts and the lockout of one user, or of every user with --all'
            cand clear-change-flag 'Stop the gateway from demanding a password change at the next login'
            cand deactivate 'Refuse every future login of a user (for a compromised or departed account)'
            cand completions 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
            cand sandbox 'Create the gateway''s tables with sample users in a new database, to try breakglass on'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'breakglass;help;hash-password'= {
        }
        &'breakglass;help;verify'= {
        }
        &'breakglass;help;list-admins'= {
        }
        &'breakglass;help;reset'= {
        }
        &'breakglass;help;unlock'= {
        }
        &'breakglass;help;clear-change-flag'= {
        }
        &'breakglass;help;deactivate'= {
        }
        &'breakglass;help;completions'= {
        }
        &'breakglass;help;sandbox'= {
        }
        &'breakglass;help;help'= {
        }
    ]
    $completions[$command]
}
