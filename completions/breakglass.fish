# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_breakglass_global_optspecs
    string join \n database-url= attach= env-file= no-env-file table= profile-file= profile= connect-timeout= lock-timeout= o/output= q/quiet v/verbose color= y/yes dry-run reason= force audit-log= no-app-audit h/help V/version
end

function __fish_breakglass_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_breakglass_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_breakglass_using_subcommand
    set -l cmd (__fish_breakglass_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c breakglass -n "__fish_breakglass_needs_command" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_needs_command" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_needs_command" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_needs_command" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_needs_command" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_needs_command" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_needs_command" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_needs_command" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_needs_command" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_needs_command" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_needs_command" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_needs_command" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_needs_command" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_needs_command" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_needs_command" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_needs_command" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_needs_command" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_needs_command" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_needs_command" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c breakglass -n "__fish_breakglass_needs_command" -s V -l version -d 'Print version'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "doctor" -d 'Can any admin log in right now, and if not, what to type: settings, release, every admin; reads only'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "list-admins" -d 'List the admins (by every rule the gateway uses) and their login state'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "verify" -d 'Check a user\'s password and predict the gateway\'s login answer; changes nothing'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "reset" -d 'Set a new password (typed, piped or generated), clear the lockout, and verify it before committing'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "unlock" -d 'Clear failed login attempts and the lockout of one user, or of every user with --all'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "clear-change-flag" -d 'Stop the gateway from demanding a password change at the next login'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "create-admin" -d 'Insert a new admin (the answer to "no admins exist"), password typed, piped or generated'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "promote" -d 'Make an existing user an admin by the profile\'s rule; --demote takes it away'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "allow-reset" -d 'Let a user reset their own password without logging in (the flag-reset flow); --revoke clears it'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "deactivate" -d 'Refuse every future login of a user (for a departed account; see lockdown for a compromised one)'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "lockdown" -d 'Cut every way into a compromised account: deactivate, revoke its tokens, void its reset links, replace its password'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "revoke-tokens" -d 'Revoke a user\'s API tokens the way the gateway\'s own revoke does'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "tokens" -d 'List API tokens of a user (or of everyone with --all) and whether each still works; changes nothing'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "hash-password" -d 'Print an Argon2id hash of a password, with the gateway\'s parameters'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "profile" -d 'Show the schema profile in effect, or check it against the database'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "sandbox" -d 'Create the gateway\'s tables with sample users in a new database, to try breakglass on'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c breakglass -n "__fish_breakglass_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l locked -d 'Only users that are locked out now'
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l all-users -d 'Every user, not only admins'
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand list-admins" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l password-file -d 'Read the password from a file (\'-\' for standard input; one trailing newline is removed)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l password-env -d 'Read the password from this environment variable' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l password-stdin -d 'Read the password from standard input (one trailing newline is removed)'
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand verify" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l password-file -d 'Read the password from a file (\'-\' for standard input; one trailing newline is removed)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l password-env -d 'Read the password from this environment variable' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l length -d 'Length of the generated password [default: 24]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l secret-file -d 'Write the generated password to this new file (mode 0600) instead of printing it' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l password-stdin -d 'Read the password from standard input (one trailing newline is removed)'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l generate -d 'Generate a random password from the OS CSPRNG instead of reading one'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l reveal -d 'Print the generated password on stdout even when it is not a terminal'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l must-change -d 'Make the user change the password at the next login (the default)'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l no-must-change -d 'Let the user keep this password'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l skip-policy -d 'Set the password even if the application\'s password policy would refuse it (recorded in the audit)'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l activate -d 'Also make an inactive user active again'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand reset" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l all -d 'Every user that is locked or has failed attempts counted'
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand unlock" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l touch -d 'Also set password_changed_at to now (for a password older than PASSWORD_MAX_AGE_DAYS)'
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand clear-change-flag" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l password-file -d 'Read the password from a file (\'-\' for standard input; one trailing newline is removed)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l password-env -d 'Read the password from this environment variable' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l length -d 'Length of the generated password [default: 24]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l secret-file -d 'Write the generated password to this new file (mode 0600) instead of printing it' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l full-name -d 'The full name, where the table has a column for it' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l email -d 'The new admin\'s email, where the key is a username and the table keeps an email too (Gitea, Grafana, Flask-AppBuilder)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l password-stdin -d 'Read the password from standard input (one trailing newline is removed)'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l generate -d 'Generate a random password from the OS CSPRNG instead of reading one'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l reveal -d 'Print the generated password on stdout even when it is not a terminal'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l must-change -d 'Make the user change the password at the next login (the default)'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l no-must-change -d 'Let the user keep this password'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l skip-policy -d 'Set the password even if the application\'s password policy would refuse it (recorded in the audit)'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand create-admin" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l demote -d 'Take the admin right away instead (refused for the last usable admin without --force)'
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand promote" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l revoke -d 'Clear the flag instead of setting it'
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand allow-reset" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l no-redis -d 'Leave the gateway\'s Redis cache alone (the change then holds within 30 seconds)'
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand deactivate" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l by -d 'Who the token revocations name [default: PLATFORM_ADMIN_EMAIL if that user exists, else the user]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l keep-password -d 'Keep the current password (by default it is replaced by a random one nobody is told)'
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l no-redis -d 'Leave the gateway\'s Redis cache alone (the change then holds within 30 seconds)'
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand lockdown" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l id -l jti -d 'Only this credential (its id as `tokens` shows it; the gateway\'s jti); repeat for several' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l kind -d 'Only credentials of this kind' -r -f -a "session\t''
api_token\t''
app_password\t''
reset_link\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l by -d 'Who the revocation names [default: PLATFORM_ADMIN_EMAIL if that user exists, else the user]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l no-redis -d 'Leave the gateway\'s Redis cache alone (the change then holds within 30 seconds)'
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand revoke-tokens" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l all -d 'Every user\'s tokens'
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l active -d 'Only tokens that still work (neither revoked nor expired)'
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand tokens" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l password-file -d 'Read the password from a file (\'-\' for standard input; one trailing newline is removed)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l password-env -d 'Read the password from this environment variable' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l time-cost -d 'Argon2 iterations [default: ARGON2ID_TIME_COST or 3]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l memory-cost -d 'Argon2 memory in KiB [default: ARGON2ID_MEMORY_COST or 65536]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l parallelism -d 'Argon2 lanes [default: ARGON2ID_PARALLELISM or 1]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l scheme -d 'The hash scheme [default: the profile\'s, argon2id for ContextForge]' -r -f -a "argon2id\t'Argon2id PHC string $argon2id$v=19$... (argon2-cffi; reads argon2i and argon2d too)'
bcrypt\t'bcrypt $2b$COST$... (reads $2a$ and $2y$ too)'
django-pbkdf2-sha256\t'Django\'s default, pbkdf2_sha256$... ([hash] iterations or release)'
django-argon2\t'Django\'s argon2$argon2id$...'
django-bcrypt-sha256\t'Django\'s bcrypt_sha256$$2b$... ([hash] cost)'
werkzeug-scrypt\t'werkzeug\'s scrypt:N:r:p$... (Flask-AppBuilder\'s default; [hash] work_factor, block_size, parallelism)'
werkzeug-pbkdf2\t'werkzeug\'s pbkdf2:sha256:N$... ([hash] iterations)'
devise-bcrypt\t'Devise\'s bcrypt $2a$COST$... ([hash] cost = stretches); of the password with the application\'s pepper appended, when [hash] pepper_env names it'
nextcloud\t'Nextcloud\'s 3|$argon2id$... (reads 2|, 1| and ownCloud\'s legacy forms)'
gitea\t'Gitea\'s pbkdf2$50000$50; printed as ALGORITHM:SALT:HASH for the passwd_hash_algo, salt and passwd columns'
grafana\t'Grafana\'s PBKDF2-SHA256 10000/50; printed as grafana:SALT:HASH for the salt and password columns'
redmine\t'Redmine\'s SHA-1 of salt + SHA-1(password); printed as redmine:SALT:HASH for the salt and hashed_password columns'
wordpress\t'a bare $2y$ bcrypt every WordPress release accepts (reads $wp$, phpass and MD5 too; [hash] cost)'"
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l cost -d 'bcrypt\'s cost, 4 to 16 [default: the profile\'s, else 12]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l format -d 'How to print the hash: raw, a shell/.env assignment, docker-compose ($ doubled) or JSON' -r -f -a "raw\t''
env\t''
compose\t''
json\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l password-stdin -d 'Read the password from standard input (one trailing newline is removed)'
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand hash-password" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -f -a "list" -d 'List the built-in profiles, one line each'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -f -a "show" -d 'Print the profile in effect (--profile, --profile-file or BREAKGLASS_PROFILE) as TOML'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -f -a "check" -d 'Check the profile against the database: the table and every column, with usable types'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and not __fish_seen_subcommand_from list show check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the built-in profiles, one line each'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the profile in effect (--profile, --profile-file or BREAKGLASS_PROFILE) as TOML'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check the profile against the database: the table and every column, with usable types'
complete -c breakglass -n "__fish_breakglass_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand sandbox" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l database-url -d 'Database URL, in the gateway\'s own spelling [default: sqlite:///./mcp.db]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l attach -d 'Read the settings of the running application instead: its environment, the .env in its working directory, its SQLite file through /proc/PID/root (PID, or auto to find it)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l env-file -d 'Read the gateway\'s settings from this file instead of ./.env' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l table -d 'The users table, when it is not the profile\'s (the gateway\'s email_users)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l profile-file -d 'A schema profile (TOML) for another application\'s users table [default: ContextForge]' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l profile -d 'A built-in profile by name (django, netbox, sentry, ...; see \'profile list\'); also BREAKGLASS_PROFILE=NAME [default: recognised from the tables, else ContextForge]' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l connect-timeout -d 'Seconds to wait for a database server to answer' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l lock-timeout -d 'Seconds to wait for a lock held by someone else before giving up (exit 9)' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -s o -l output -d 'Output format of the result on stdout' -r -f -a "table\t''
json\t''
csv\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l color -d 'Colour states and warnings: auto = on a terminal unless NO_COLOR is set; always wins over NO_COLOR. JSON and CSV are never coloured' -r -f -a "auto\t''
always\t''
never\t''"
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l reason -d 'Why this change is made; kept in the audit record and the gateway\'s event' -r
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l audit-log -d 'Append one JSON line per invocation to this file (created with mode 0600)' -r -F
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l no-env-file -d 'Read no .env file, only the environment'
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -s q -l quiet -d 'Print no informational lines on stderr (and skip the work behind them)'
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -s v -l verbose -d 'Print more: the whole audit record on stderr, and a change\'s columns again after its confirmation'
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -s y -l yes -d 'Do not ask for confirmation (for scripts)'
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l dry-run -d 'Do everything but commit: show the row before and after, write nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l force -d 'Allow a change that leaves no admin able to log in'
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -l no-app-audit -d 'Do not add an event to the gateway\'s own audit trail (email_auth_events)'
complete -c breakglass -n "__fish_breakglass_using_subcommand completions" -s h -l help -d 'Print help'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "doctor" -d 'Can any admin log in right now, and if not, what to type: settings, release, every admin; reads only'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "list-admins" -d 'List the admins (by every rule the gateway uses) and their login state'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "verify" -d 'Check a user\'s password and predict the gateway\'s login answer; changes nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "reset" -d 'Set a new password (typed, piped or generated), clear the lockout, and verify it before committing'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "unlock" -d 'Clear failed login attempts and the lockout of one user, or of every user with --all'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "clear-change-flag" -d 'Stop the gateway from demanding a password change at the next login'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "create-admin" -d 'Insert a new admin (the answer to "no admins exist"), password typed, piped or generated'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "promote" -d 'Make an existing user an admin by the profile\'s rule; --demote takes it away'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "allow-reset" -d 'Let a user reset their own password without logging in (the flag-reset flow); --revoke clears it'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "deactivate" -d 'Refuse every future login of a user (for a departed account; see lockdown for a compromised one)'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "lockdown" -d 'Cut every way into a compromised account: deactivate, revoke its tokens, void its reset links, replace its password'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "revoke-tokens" -d 'Revoke a user\'s API tokens the way the gateway\'s own revoke does'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "tokens" -d 'List API tokens of a user (or of everyone with --all) and whether each still works; changes nothing'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "hash-password" -d 'Print an Argon2id hash of a password, with the gateway\'s parameters'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "profile" -d 'Show the schema profile in effect, or check it against the database'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "sandbox" -d 'Create the gateway\'s tables with sample users in a new database, to try breakglass on'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and not __fish_seen_subcommand_from doctor list-admins verify reset unlock clear-change-flag create-admin promote allow-reset deactivate lockdown revoke-tokens tokens hash-password profile sandbox completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'List the built-in profiles, one line each'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show" -d 'Print the profile in effect (--profile, --profile-file or BREAKGLASS_PROFILE) as TOML'
complete -c breakglass -n "__fish_breakglass_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "check" -d 'Check the profile against the database: the table and every column, with usable types'
