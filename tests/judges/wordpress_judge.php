<?php
// WordPress itself as the judge of what breakglass wrote into its users tables: Debian's
// WordPress 6.1 (bookworm) or 6.8 (trixie), unpacked by install_wordpress.sh into
// /var/cache/breakglass/wordpress-VERSION, booted on the test database with a configuration of
// our own (Debian's wp-config.php and /etc/wordpress are not used).
//
//   wordpress_judge.php VERSION URL PREFIX install   admin password on stdin (one trailing
//                                                     newline dropped); wp_install() builds the
//                                                     schema and the user `admin`; prints
//                                                     {"seconds":S}
//   wordpress_judge.php VERSION URL PREFIX batch     JSON lines on stdin, one JSON line out each:
//     {"op":"create","login","password","role","email"} -> {"id":N}       (wp_insert_user)
//     {"op":"login","login","password"}   -> {"ok":true,"rehashed":B} | {"ok":false,"code":C}
//                                             (wp_authenticate, the real login: filters and the
//                                             rehash of old forms; rehashed = user_pass changed)
//     {"op":"user","login"}               -> {"found","id","admin","roles","user_level",
//                                             "user_pass","email"}  (admin = manage_options)
//     {"op":"admins"}                     -> {"admins":[...],"manage_options":[...]}
//     {"op":"hash","password"}            -> {"hash":...}               (wp_hash_password)
//     {"op":"check","password","hash"}    -> {"ok":B}                   (wp_check_password)
//     {"op":"sessions","login"}           -> {"token":...}   (WP_Session_Tokens::create, 1 hour)
//     {"op":"session_valid","login","token"} -> {"ok":B}     (WP_Session_Tokens::verify)
//     {"op":"info"}                       -> {"version","capabilities_key","user_level_key",
//                                             "users_table","usermeta_table"}
//
// VERSION is 6.1 or 6.8; URL is breakglass's (mysql://user[:password]@host:port/database);
// PREFIX the table prefix (wp_). Nothing on stderr on success; on failure the reason on stderr
// and a non-zero exit. No HTTP request leaves the process (pre_http_request answers them all),
// mail is not sent, cron does not run.
if (PHP_SAPI !== 'cli' || $argc !== 5) {
    fwrite(STDERR, "usage: wordpress_judge.php VERSION URL PREFIX install|batch\n");
    exit(2);
}
[, $judge_version, $judge_url, $judge_prefix, $judge_command] = $argv;
if (!in_array($judge_version, ['6.1', '6.8'], true)) {
    fwrite(STDERR, "unknown WordPress version $judge_version (6.1 or 6.8)\n");
    exit(2);
}
if (!in_array($judge_command, ['install', 'batch'], true)) {
    fwrite(STDERR, "unknown command $judge_command (install or batch)\n");
    exit(2);
}
$judge_root = (getenv('BREAKGLASS_JUDGE_CACHE') ?: '/var/cache/breakglass') . "/wordpress-$judge_version/";
if (!is_file($judge_root . 'wp-settings.php')) {
    fwrite(STDERR, "no WordPress in $judge_root (run tests/judges/install_wordpress.sh)\n");
    exit(2);
}
if (!extension_loaded('mysqli')) {
    fwrite(STDERR, "PHP has no mysqli (apt-get install php8.2-mysql)\n");
    exit(2);
}
$judge_db = parse_url($judge_url);
if ($judge_db === false || !in_array($judge_db['scheme'] ?? '', ['mysql', 'mariadb'], true)
    || !isset($judge_db['host']) || trim($judge_db['path'] ?? '', '/') === '') {
    fwrite(STDERR, "unsupported database URL $judge_url\n");
    exit(2);
}

// The configuration a wp-config.php would hold.
define('DB_NAME', rawurldecode(trim($judge_db['path'], '/')));
define('DB_USER', rawurldecode($judge_db['user'] ?? 'root'));
define('DB_PASSWORD', rawurldecode($judge_db['pass'] ?? ''));
define('DB_HOST', $judge_db['host'] . (isset($judge_db['port']) ? ':' . $judge_db['port'] : ''));
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$table_prefix = $judge_prefix;
foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY',
          'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'] as $judge_key) {
    define($judge_key, "breakglass judge $judge_key");
}
define('ABSPATH', $judge_root);
define('WP_HOME', 'http://judge.invalid');
define('WP_SITEURL', 'http://judge.invalid');
define('WP_DEBUG', false);
define('WP_DEBUG_DISPLAY', false);
define('WP_DISABLE_FATAL_ERROR_HANDLER', true);
define('WP_USE_THEMES', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_HTTP_BLOCK_EXTERNAL', true);
if ($judge_command === 'install') {
    define('WP_INSTALLING', true);
}
$_SERVER['HTTP_HOST'] = 'judge.invalid';
$_SERVER['SERVER_NAME'] = 'judge.invalid';
$_SERVER['SERVER_PORT'] = '80';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
ini_set('display_errors', 'stderr');

// Hooks set before WordPress loads (WP_Hook::build_preinitialized_hooks): a wp_die that exits
// non-zero with its message on stderr, no HTTP, no mail.
$judge_done = false; // set when the judge ends by itself, so the shutdown check below stays quiet
function judge_fail($message) {
    $GLOBALS['judge_done'] = true;
    fwrite(STDERR, "wordpress_judge: $message\n");
    exit(1);
}
function judge_die_handler() {
    return function ($message, $title = '', $args = []) {
        if (is_wp_error($message)) {
            $message = $message->get_error_message();
        }
        judge_fail('wp_die: ' . trim(html_entity_decode(strip_tags((string) $message))));
    };
}
$wp_filter = [
    'wp_die_handler' => [10 => [['function' => 'judge_die_handler', 'accepted_args' => 1]]],
    'wp_die_ajax_handler' => [10 => [['function' => 'judge_die_handler', 'accepted_args' => 1]]],
    'wp_die_json_handler' => [10 => [['function' => 'judge_die_handler', 'accepted_args' => 1]]],
    'pre_http_request' => [10 => [['function' => function () {
        return new WP_Error('http_request_blocked', 'no HTTP from the judge');
    }, 'accepted_args' => 1]]],
    'pre_wp_mail' => [10 => [['function' => function () { return true; }, 'accepted_args' => 1]]],
];

// WordPress may exit on its own (an uninstalled site redirects to install.php and dies).
register_shutdown_function(function () {
    if (!$GLOBALS['judge_done']) {
        $error = error_get_last();
        fwrite(STDERR, "wordpress_judge: WordPress stopped early"
            . ($error ? ": {$error['message']} ({$error['file']}:{$error['line']})" : ' (is the site installed?)') . "\n");
        exit(1);
    }
});

// Boot: whatever WordPress prints while loading goes to stderr, never into the JSON lines.
ob_start();
require ABSPATH . 'wp-settings.php';
if ($judge_command === 'install') {
    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
}
$judge_noise = ob_get_clean();
if (trim($judge_noise) !== '') {
    fwrite(STDERR, $judge_noise);
}

function judge_out($value) {
    fwrite(STDOUT, json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) . "\n");
}

function judge_user($login) {
    $user = get_user_by('login', $login);
    if (!$user) {
        judge_fail("no user $login");
    }
    return $user;
}

function judge_stored_pass($login) {
    global $wpdb;
    return $wpdb->get_var($wpdb->prepare("SELECT user_pass FROM {$wpdb->users} WHERE user_login = %s", $login));
}

function judge_op($request) {
    global $wpdb, $wp_version;
    wp_cache_flush(); // read what is in the database now, not what this process saw before
    switch ($request['op'] ?? '') {
        case 'create':
            $id = wp_insert_user([
                'user_login' => $request['login'],
                'user_pass' => $request['password'],
                'user_email' => $request['email'] ?? '',
                'role' => $request['role'] ?? get_option('default_role'),
            ]);
            if (is_wp_error($id)) {
                judge_fail("create {$request['login']}: " . $id->get_error_code() . ': ' . $id->get_error_message());
            }
            return ['id' => $id];
        case 'login':
            $before = judge_stored_pass($request['login']);
            $result = wp_authenticate($request['login'], $request['password']);
            if ($result instanceof WP_User) {
                return ['ok' => true, 'rehashed' => judge_stored_pass($request['login']) !== $before];
            }
            return ['ok' => false, 'code' => is_wp_error($result) ? $result->get_error_code() : null];
        case 'user':
            $user = get_user_by('login', $request['login']);
            if (!$user) {
                return ['found' => false];
            }
            $level = get_user_meta($user->ID, $wpdb->get_blog_prefix() . 'user_level', true);
            return [
                'found' => true,
                'id' => $user->ID,
                'admin' => user_can($user, 'manage_options'),
                'roles' => array_values($user->roles),
                'user_level' => $level === '' ? null : (is_numeric($level) ? (int) $level : $level),
                'user_pass' => $user->user_pass,
                'email' => $user->user_email,
            ];
        case 'admins':
            $admins = array_map(function ($user) { return $user->user_login; },
                get_users(['role' => 'administrator']));
            $manage = [];
            foreach (get_users() as $user) {
                if (user_can($user, 'manage_options')) {
                    $manage[] = $user->user_login;
                }
            }
            sort($admins, SORT_STRING);
            sort($manage, SORT_STRING);
            return ['admins' => $admins, 'manage_options' => $manage];
        case 'hash':
            return ['hash' => wp_hash_password($request['password'])];
        case 'check':
            return ['ok' => (bool) wp_check_password($request['password'], $request['hash'])];
        case 'sessions':
            $user = judge_user($request['login']);
            return ['token' => WP_Session_Tokens::get_instance($user->ID)->create(time() + 3600)];
        case 'session_valid':
            $user = judge_user($request['login']);
            return ['ok' => WP_Session_Tokens::get_instance($user->ID)->verify($request['token'])];
        case 'info':
            return [
                'version' => $wp_version,
                'capabilities_key' => $wpdb->get_blog_prefix() . 'capabilities',
                'user_level_key' => $wpdb->get_blog_prefix() . 'user_level',
                'users_table' => $wpdb->users,
                'usermeta_table' => $wpdb->usermeta,
            ];
        default:
            judge_fail('unknown op ' . json_encode($request['op'] ?? null));
    }
}

if ($judge_command === 'install') {
    $password = preg_replace('/\r?\n$/', '', stream_get_contents(STDIN));
    if ($password === '') {
        judge_fail('install: no admin password on stdin');
    }
    if (is_blog_installed()) {
        judge_fail('install: WordPress is already installed in ' . DB_NAME . " with prefix $table_prefix");
    }
    $started = microtime(true);
    // Unslashed: wp_install hands the password to wp_create_user as it is (after trim()).
    $result = wp_install('breakglass judge', 'admin', 'admin@example.com', false, '', $password);
    $seconds = microtime(true) - $started;
    wp_cache_flush();
    if (!is_array($result) || empty($result['user_id']) || !is_blog_installed()) {
        judge_fail('install: wp_install did not finish' . ($wpdb->last_error ? ": {$wpdb->last_error}" : ''));
    }
    judge_out(['seconds' => round($seconds, 3)]);
} else {
    while (($line = fgets(STDIN)) !== false) {
        if (trim($line) === '') {
            continue;
        }
        $request = json_decode($line, true);
        if (!is_array($request)) {
            judge_fail('not a JSON object: ' . trim($line));
        }
        judge_out(judge_op($request));
    }
}
$judge_done = true;
