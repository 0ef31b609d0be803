<?php
// PHP itself as the judge of Nextcloud's oc_users.password (Debian php-cli): the value is
// split into its version and PHP hash the way lib/private/Security/Hasher.php splits it, and
// the hash goes to PHP's own password_verify, as Nextcloud's login does.
//
//   nextcloud_judge.php URL verify VALUE   password on stdin; prints true or false
//   nextcloud_judge.php URL hash VERSION   password on stdin; prints VERSION| + password_hash
//                                          (3 argon2id, 2 argon2i, 1 bcrypt), with PHP's defaults
//
// URL is the test database's (unused: the values travel through the test).
[$script, $url, $command, $argument] = $argv;
$password = stream_get_contents(STDIN);

if ($command === 'verify') {
    $parts = explode('|', $argument, 2);
    $version = count($parts) === 2 ? (int)$parts[0] : 0;
    $ok = in_array($version, [1, 2, 3], true) && password_verify($password, $parts[1]);
    echo $ok ? "true\n" : "false\n";
} elseif ($command === 'hash') {
    $algorithms = ['3' => PASSWORD_ARGON2ID, '2' => PASSWORD_ARGON2I, '1' => PASSWORD_BCRYPT];
    echo $argument, '|', password_hash($password, $algorithms[$argument]), "\n";
} else {
    fwrite(STDERR, "unknown command $command\n");
    exit(2);
}
