# Devise itself as the judge of the hashes breakglass writes (Debian ruby-devise): the same
# Devise::Encryptor a GitLab or Mastodon login runs, with the application's pepper and stretches.
#
#   devise_judge.rb URL compare HASH      password on stdin; prints true or false
#   devise_judge.rb URL digest STRETCHES  password on stdin; prints a new hash
#
# URL is the test database's (unused: the hashes travel through the test). The pepper is
# JUDGE_PEPPER when set, as Devise's config.pepper.
require "devise"

Settings = Struct.new(:pepper, :stretches)

_url, command, argument = ARGV
password = $stdin.read
pepper = ENV["JUDGE_PEPPER"]

case command
when "compare"
  puts Devise::Encryptor.compare(Settings.new(pepper, 1), argument, password)
when "digest"
  puts Devise::Encryptor.digest(Settings.new(pepper, Integer(argument)), password)
else
  abort "unknown command #{command}"
end
