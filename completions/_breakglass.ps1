
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'breakglass' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'breakglass'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'breakglass' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Can any admin log in right now, and if not, what to type: settings, release, every admin; reads only')
            [CompletionResult]::new('list-admins', 'list-admins', [CompletionResultType]::ParameterValue, 'List the admins (by every rule the gateway uses) and their login state')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a user''s password and predict the gateway''s login answer; changes nothing')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Set a new password (typed, piped or generated), clear the lockout, and verify it before committing')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Clear failed login attempts and the lockout of one user, or of every user with --all')
            [CompletionResult]::new('clear-change-flag', 'clear-change-flag', [CompletionResultType]::ParameterValue, 'Stop the gateway from demanding a password change at the next login')
            [CompletionResult]::new('create-admin', 'create-admin', [CompletionResultType]::ParameterValue, 'Insert a new admin (the answer to "no admins exist"), password typed, piped or generated')
            [CompletionResult]::new('promote', 'promote', [CompletionResultType]::ParameterValue, 'Make an existing user an admin by the profile''s rule; --demote takes it away')
            [CompletionResult]::new('allow-reset', 'allow-reset', [CompletionResultType]::ParameterValue, 'Let a user reset their own password without logging in (the flag-reset flow); --revoke clears it')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Refuse every future login of a user (for a departed account; see lockdown for a compromised one)')
            [CompletionResult]::new('lockdown', 'lockdown', [CompletionResultType]::ParameterValue, 'Cut every way into a compromised account: deactivate, revoke its tokens, void its reset links, replace its password')
            [CompletionResult]::new('revoke-tokens', 'revoke-tokens', [CompletionResultType]::ParameterValue, 'Revoke a user''s API tokens the way the gateway''s own revoke does')
            [CompletionResult]::new('tokens', 'tokens', [CompletionResultType]::ParameterValue, 'List API tokens of a user (or of everyone with --all) and whether each still works; changes nothing')
            [CompletionResult]::new('hash-password', 'hash-password', [CompletionResultType]::ParameterValue, 'Print an Argon2id hash of a password, with the gateway''s parameters')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Show the schema profile in effect, or check it against the database')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Create the gateway''s tables with sample users in a new database, to try breakglass on')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'breakglass;doctor' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;list-admins' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--locked', '--locked', [CompletionResultType]::ParameterName, 'Only users that are locked out now')
            [CompletionResult]::new('--all-users', '--all-users', [CompletionResultType]::ParameterName, 'Every user, not only admins')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;verify' {
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from a file (''-'' for standard input; one trailing newline is removed)')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (one trailing newline is removed)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;reset' {
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from a file (''-'' for standard input; one trailing newline is removed)')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--length', '--length', [CompletionResultType]::ParameterName, 'Length of the generated password [default: 24]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Write the generated password to this new file (mode 0600) instead of printing it')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (one trailing newline is removed)')
            [CompletionResult]::new('--generate', '--generate', [CompletionResultType]::ParameterName, 'Generate a random password from the OS CSPRNG instead of reading one')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Print the generated password on stdout even when it is not a terminal')
            [CompletionResult]::new('--must-change', '--must-change', [CompletionResultType]::ParameterName, 'Make the user change the password at the next login (the default)')
            [CompletionResult]::new('--no-must-change', '--no-must-change', [CompletionResultType]::ParameterName, 'Let the user keep this password')
            [CompletionResult]::new('--skip-policy', '--skip-policy', [CompletionResultType]::ParameterName, 'Set the password even if the application''s password policy would refuse it (recorded in the audit)')
            [CompletionResult]::new('--activate', '--activate', [CompletionResultType]::ParameterName, 'Also make an inactive user active again')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;unlock' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every user that is locked or has failed attempts counted')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;clear-change-flag' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--touch', '--touch', [CompletionResultType]::ParameterName, 'Also set password_changed_at to now (for a password older than PASSWORD_MAX_AGE_DAYS)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;create-admin' {
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from a file (''-'' for standard input; one trailing newline is removed)')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--length', '--length', [CompletionResultType]::ParameterName, 'Length of the generated password [default: 24]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Write the generated password to this new file (mode 0600) instead of printing it')
            [CompletionResult]::new('--full-name', '--full-name', [CompletionResultType]::ParameterName, 'The full name, where the table has a column for it')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The new admin''s email, where the key is a username and the table keeps an email too (Gitea, Grafana, Flask-AppBuilder)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (one trailing newline is removed)')
            [CompletionResult]::new('--generate', '--generate', [CompletionResultType]::ParameterName, 'Generate a random password from the OS CSPRNG instead of reading one')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Print the generated password on stdout even when it is not a terminal')
            [CompletionResult]::new('--must-change', '--must-change', [CompletionResultType]::ParameterName, 'Make the user change the password at the next login (the default)')
            [CompletionResult]::new('--no-must-change', '--no-must-change', [CompletionResultType]::ParameterName, 'Let the user keep this password')
            [CompletionResult]::new('--skip-policy', '--skip-policy', [CompletionResultType]::ParameterName, 'Set the password even if the application''s password policy would refuse it (recorded in the audit)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;promote' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--demote', '--demote', [CompletionResultType]::ParameterName, 'Take the admin right away instead (refused for the last usable admin without --force)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;allow-reset' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--revoke', '--revoke', [CompletionResultType]::ParameterName, 'Clear the flag instead of setting it')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;deactivate' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--no-redis', '--no-redis', [CompletionResultType]::ParameterName, 'Leave the gateway''s Redis cache alone (the change then holds within 30 seconds)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;lockdown' {
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Who the token revocations name [default: PLATFORM_ADMIN_EMAIL if that user exists, else the user]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--keep-password', '--keep-password', [CompletionResultType]::ParameterName, 'Keep the current password (by default it is replaced by a random one nobody is told)')
            [CompletionResult]::new('--no-redis', '--no-redis', [CompletionResultType]::ParameterName, 'Leave the gateway''s Redis cache alone (the change then holds within 30 seconds)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;revoke-tokens' {
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Only this credential (its id as `tokens` shows it; the gateway''s jti); repeat for several')
            [CompletionResult]::new('--jti', '--jti', [CompletionResultType]::ParameterName, 'Only this credential (its id as `tokens` shows it; the gateway''s jti); repeat for several')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only credentials of this kind')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Who the revocation names [default: PLATFORM_ADMIN_EMAIL if that user exists, else the user]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--no-redis', '--no-redis', [CompletionResultType]::ParameterName, 'Leave the gateway''s Redis cache alone (the change then holds within 30 seconds)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;tokens' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every user''s tokens')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Only tokens that still work (neither revoked nor expired)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;hash-password' {
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from a file (''-'' for standard input; one trailing newline is removed)')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from this environment variable')
            [CompletionResult]::new('--time-cost', '--time-cost', [CompletionResultType]::ParameterName, 'Argon2 iterations [default: ARGON2ID_TIME_COST or 3]')
            [CompletionResult]::new('--memory-cost', '--memory-cost', [CompletionResultType]::ParameterName, 'Argon2 memory in KiB [default: ARGON2ID_MEMORY_COST or 65536]')
            [CompletionResult]::new('--parallelism', '--parallelism', [CompletionResultType]::ParameterName, 'Argon2 lanes [default: ARGON2ID_PARALLELISM or 1]')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'The hash scheme [default: the profile''s, argon2id for ContextForge]')
            [CompletionResult]::new('--cost', '--cost', [CompletionResultType]::ParameterName, 'bcrypt''s cost, 4 to 16 [default: the profile''s, else 12]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print the hash: raw, a shell/.env assignment, docker-compose ($ doubled) or JSON')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (one trailing newline is removed)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'breakglass;profile' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the built-in profiles, one line each')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the profile in effect (--profile, --profile-file or BREAKGLASS_PROFILE) as TOML')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the profile against the database: the table and every column, with usable types')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'breakglass;profile;list' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;profile;show' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;profile;check' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;profile;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the built-in profiles, one line each')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the profile in effect (--profile, --profile-file or BREAKGLASS_PROFILE) as TOML')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the profile against the database: the table and every column, with usable types')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'breakglass;profile;help;list' {
            break
        }
        'breakglass;profile;help;show' {
            break
        }
        'breakglass;profile;help;check' {
            break
        }
        'breakglass;profile;help;help' {
            break
        }
        'breakglass;sandbox' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;completions' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL, in the gateway''s own spelling [default: sqlite:///./mcp.db]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read the gateway''s settings from this file instead of ./.env')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The users table, when it is not the profile''s (the gateway''s email_users)')
            [CompletionResult]::new('--profile-file', '--profile-file', [CompletionResultType]::ParameterName, 'A schema profile (TOML) for another application''s users table [default: ContextForge]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A built-in profile by name (django, netbox, sentry, ...; see ''profile list''); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a database server to answer')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a lock held by someone else before giving up (exit 9)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of the result on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this change is made; kept in the audit record and the gateway''s event')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per invocation to this file (created with mode 0600)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no .env file, only the environment')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational lines on stderr (and skip the work behind them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: the whole audit record on stderr, and a change''s columns again after its confirmation')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Do everything but commit: show the row before and after, write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow a change that leaves no admin able to log in')
            [CompletionResult]::new('--no-app-audit', '--no-app-audit', [CompletionResultType]::ParameterName, 'Do not add an event to the gateway''s own audit trail (email_auth_events)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'breakglass;help' {
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Can any admin log in right now, and if not, what to type: settings, release, every admin; reads only')
            [CompletionResult]::new('list-admins', 'list-admins', [CompletionResultType]::ParameterValue, 'List the admins (by every rule the gateway uses) and their login state')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a user''s password and predict the gateway''s login answer; changes nothing')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Set a new password (typed, piped or generated), clear the lockout, and verify it before committing')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Clear failed login attempts and the lockout of one user, or of every user with --all')
            [CompletionResult]::new('clear-change-flag', 'clear-change-flag', [CompletionResultType]::ParameterValue, 'Stop the gateway from demanding a password change at the next login')
            [CompletionResult]::new('create-admin', 'create-admin', [CompletionResultType]::ParameterValue, 'Insert a new admin (the answer to "no admins exist"), password typed, piped or generated')
            [CompletionResult]::new('promote', 'promote', [CompletionResultType]::ParameterValue, 'Make an existing user an admin by the profile''s rule; --demote takes it away')
            [CompletionResult]::new('allow-reset', 'allow-reset', [CompletionResultType]::ParameterValue, 'Let a user reset their own password without logging in (the flag-reset flow); --revoke clears it')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Refuse every future login of a user (for a departed account; see lockdown for a compromised one)')
            [CompletionResult]::new('lockdown', 'lockdown', [CompletionResultType]::ParameterValue, 'Cut every way into a compromised account: deactivate, revoke its tokens, void its reset links, replace its password')
            [CompletionResult]::new('revoke-tokens', 'revoke-tokens', [CompletionResultType]::ParameterValue, 'Revoke a user''s API tokens the way the gateway''s own revoke does')
            [CompletionResult]::new('tokens', 'tokens', [CompletionResultType]::ParameterValue, 'List API tokens of a user (or of everyone with --all) and whether each still works; changes nothing')
            [CompletionResult]::new('hash-password', 'hash-password', [CompletionResultType]::ParameterValue, 'Print an Argon2id hash of a password, with the gateway''s parameters')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Show the schema profile in effect, or check it against the database')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Create the gateway''s tables with sample users in a new database, to try breakglass on')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'breakglass;help;doctor' {
            break
        }
        'breakglass;help;list-admins' {
            break
        }
        'breakglass;help;verify' {
            break
        }
        'breakglass;help;reset' {
            break
        }
        'breakglass;help;unlock' {
            break
        }
        'breakglass;help;clear-change-flag' {
            break
        }
        'breakglass;help;create-admin' {
            break
        }
        'breakglass;help;promote' {
            break
        }
        'breakglass;help;allow-reset' {
            break
        }
        'breakglass;help;deactivate' {
            break
        }
        'breakglass;help;lockdown' {
            break
        }
        'breakglass;help;revoke-tokens' {
            break
        }
        'breakglass;help;tokens' {
            break
        }
        'breakglass;help;hash-password' {
            break
        }
        'breakglass;help;profile' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the built-in profiles, one line each')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the profile in effect (--profile, --profile-file or BREAKGLASS_PROFILE) as TOML')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the profile against the database: the table and every column, with usable types')
            break
        }
        'breakglass;help;profile;list' {
            break
        }
        'breakglass;help;profile;show' {
            break
        }
        'breakglass;help;profile;check' {
            break
        }
        'breakglass;help;sandbox' {
            break
        }
        'breakglass;help;completions' {
            break
        }
        'breakglass;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
