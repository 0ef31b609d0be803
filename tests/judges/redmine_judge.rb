# Redmine itself as the judge of what breakglass wrote: Debian bookworm's Redmine 5.0
# (/usr/share/redmine, Rails 6.1, RAILS_ENV=production) booted on the test database, its own
# models answering. Install it first with tests/judges/install_redmine.sh (root, idempotent).
#
#   ruby tests/judges/redmine_judge.rb URL migrate        Redmine's schema into the empty database
#   ruby tests/judges/redmine_judge.rb URL migrate-chain  the real migration chain, with its rows
#   ruby tests/judges/redmine_judge.rb URL schema         JSON: tables, columns, indexes
#   ruby tests/judges/redmine_judge.rb URL batch          JSON lines on stdin, one answer a line
#
# URL is breakglass's spelling: sqlite:////abs/file.db, postgresql://u@h:p/db?options=-c%20
# search_path%3DSCHEMA (the schema is Rails' schema_search_path), mysql://u@h:p/db. It becomes
# DATABASE_URL, so /etc/redmine/*/database.yml is never read.
#
# migrate: the first time for an adapter (and Redmine version) it runs the migration chain on
# the target, dumps the schema to /var/cache/breakglass/redmine/schema-ADAPTER-*.rb, then loads
# that dump over it; later it only loads the dump (db:schema:load). Either way the tables are
# the chain's and empty: no admin/admin, no GroupAnonymous/GroupNonMember, no roles.
# migrate-chain leaves the chain's rows (admin/admin with must_change_passwd, the two groups).
#
# batch ops (Rails boots once; answers in order):
#   {"op":"create","login":L,"password":P,"admin":B,"status":N,"must_change":B,"mail":M}
#       -> {"id":N} or {"error":[messages]}        (User.new ... save: Redmine's own hash)
#   {"op":"login","login":L,"password":P}  -> {"ok":B}   (User.try_to_login; sets last_login_on)
#   {"op":"user","login":L}   -> {"found":true,"id","active","registered","locked","admin",
#                                "must_change_password","status","mail","valid","errors"}
#   {"op":"admins"}           -> {"admins":[logins],"active_admins":[logins]}   (sorted)
#   {"op":"hash","login":L}   -> {"hashed_password":H,"salt":S}
#   {"op":"tokens","login":L} -> {"actions":[sorted tokens.action]}
#   {"op":"make_tokens","login":L} -> {"ok":true,"api_key":K} (api, feeds, session, autologin, recovery)
#   {"op":"by_api_key","key":K} -> {"found":B}   (User.find_by_api_key: what the REST API accepts)
# A login that matches nobody answers {"found":false} (login: {"ok":false}). Users are found
# with User.find_by_login (exact, then case-insensitive), as Redmine's sign-in does.
# Exit 0 with nothing on stderr on success; otherwise non-zero with the reason on stderr.
# REDMINE_ROOT and BREAKGLASS_REDMINE_CACHE override /usr/share/redmine and the cache folder.
require "fileutils"
require "json"
require "open3"
require "uri"
require "digest"

REDMINE = ENV.fetch("REDMINE_ROOT", "/usr/share/redmine")
CACHE = ENV.fetch("BREAKGLASS_REDMINE_CACHE", "/var/cache/breakglass/redmine")

# Redmine's Gemfile asks for a database adapter gem only when some instance's database.yml
# names it; this one asks for all three, so the adapter comes from DATABASE_URL alone.
GEMFILE = <<~RUBY
  eval_gemfile #{File.join(REDMINE, "Gemfile").inspect}
  %w[sqlite3 pg mysql2].each { |name| gem name unless dependencies.any? { |d| d.name == name } }
RUBY

def fail!(message)
  $stderr.puts "redmine_judge: #{message}"
  exit 1
end

def database_url(url)
  uri = URI.parse(url)
  query = URI.decode_www_form(uri.query.to_s)
  case uri.scheme
  when "sqlite", "sqlite3"
    path = URI.decode_www_form_component(url.sub(/\Asqlite3?:\/\//, "").sub(/\?.*\z/, ""))
    path = path[1..] if path.start_with?("//")
    fail!("SQLite URL needs an absolute path: #{url}") unless path.start_with?("/")
    "sqlite3:#{path}"
  when "postgres", "postgresql"
    params = []
    query.each do |key, value|
      if key == "options" && (m = value.match(/(?:\A|\s)-c\s*search_path=([^\s]+)/))
        params << ["schema_search_path", m[1]]
        rest = value.sub(m[0], " ").strip
        params << ["options", rest] unless rest.empty?
      else
        params << [key, value]
      end
    end
    uri.scheme = "postgresql"
    uri.query = params.empty? ? nil : URI.encode_www_form(params)
    uri.to_s
  when "mysql", "mysql2", "mariadb"
    uri.scheme = "mysql2"
    # Debian's redmine-mysql template connects with encoding utf8.
    query << ["encoding", "utf8"] unless query.any? { |k, _| k == "encoding" }
    uri.query = URI.encode_www_form(query)
    uri.to_s
  else
    fail!("unsupported URL #{url}")
  end
end

def write_atomically(path, text)
  return if File.exist?(path) && File.read(path) == text
  tmp = "#{path}.#{Process.pid}.tmp"
  File.write(tmp, text)
  File.rename(tmp, path)
end

# The cached Gemfile and its lock, redone when Debian's own lock (rewritten whenever Redmine or
# its gems change) is newer. Under a file lock: tests run judges in parallel.
def prepare_bundle
  FileUtils.mkdir_p(CACHE)
  gemfile = File.join(CACHE, "Gemfile")
  lockfile = "#{gemfile}.lock"
  File.open(File.join(CACHE, "bundle.flock"), File::RDWR | File::CREAT, 0o644) do |flock|
    flock.flock(File::LOCK_EX)
    write_atomically(gemfile, GEMFILE)
    inputs = [gemfile, File.join(REDMINE, "Gemfile.lock")].select { |f| File.exist?(f) }
    if !File.exist?(lockfile) || inputs.any? { |f| File.mtime(f) > File.mtime(lockfile) }
      out, status = Open3.capture2e({ "BUNDLE_GEMFILE" => gemfile }, "bundle", "lock", "--local",
                                    chdir: CACHE)
      fail!("bundle lock --local failed for #{gemfile}:\n#{out}") unless status.success?
      FileUtils.touch(lockfile)
    end
  end
  gemfile
end

def boot(url)
  ENV["DATABASE_URL"] = database_url(url)
  ENV["RAILS_ENV"] = "production"
  ENV["SECRET_KEY_BASE"] ||= "breakglass-redmine-judge-" + "0" * 64
  ENV["BUNDLE_GEMFILE"] = prepare_bundle
  Dir.chdir(REDMINE)
  require File.join(REDMINE, "config", "application")
  Rails.application.configure do
    # No database.yml: Rails then takes DATABASE_URL alone.
    config.paths["config/database"] = File.join(CACHE, "no-database.yml")
    config.secret_key_base = ENV["SECRET_KEY_BASE"]
    config.logger = ActiveSupport::Logger.new(File::NULL)
    config.log_level = :fatal
    config.active_support.deprecation = :silence
    config.eager_load = false
    # Security notifications render at once and are not delivered (perform_deliveries is off).
    config.active_job.queue_adapter = :inline
  end
  Rails.application.initialize!
  connection.tables # connects now: a wrong URL fails here, whatever the command
  ActiveRecord::Migration.verbose = false
  ActiveRecord::Schema.verbose = false
end

def connection
  ActiveRecord::Base.connection
end

def application_tables
  connection.tables - [ActiveRecord::Base.schema_migrations_table_name,
                       ActiveRecord::Base.internal_metadata_table_name]
end

def run_chain
  connection.migration_context.migrate
end

def schema_cache_file
  migrations = Dir[File.join(REDMINE, "db", "migrate", "*.rb")].map { |f| File.basename(f) }.sort
  key = Digest::SHA256.hexdigest([Redmine::VERSION.to_s, Rails.version, *migrations].join("\n"))
  File.join(CACHE, "schema-#{connection.adapter_name.downcase}-#{Redmine::VERSION}-#{key[0, 12]}.rb")
end

def migrate(chain_only)
  unless application_tables.empty?
    fail!("the database is not empty (#{application_tables.sort.first(5).join(", ")}, ...)")
  end
  return run_chain if chain_only

  file = schema_cache_file
  unless File.exist?(file)
    # The chain's own schema on this adapter (serial ids on PostgreSQL, int(11) on MariaDB...):
    # a dump from another adapter would load with different column types.
    run_chain
    tmp = "#{file}.#{Process.pid}.tmp"
    File.open(tmp, "w") { |f| ActiveRecord::SchemaDumper.dump(connection, f) }
    File.rename(tmp, file)
  end
  # As db:schema:load: every create_table has force: :cascade, so what the chain made (and
  # the rows it inserted) is replaced by the dump's empty tables.
  ActiveRecord::Tasks::DatabaseTasks.load_schema(ActiveRecord::Base.connection_db_config, :ruby, file)
end

def schema
  tables = application_tables.sort.to_h do |table|
    columns = connection.columns(table).map do |c|
      { "name" => c.name, "type" => c.sql_type, "null" => c.null, "default" => c.default }
    end
    indexes = connection.indexes(table).map do |i|
      { "name" => i.name, "columns" => i.columns, "unique" => i.unique }
    end
    [table, { "primary_key" => connection.primary_keys(table), "columns" => columns,
              "indexes" => indexes.sort_by { |i| i["name"] } }]
  end
  { "tables" => tables }
end

def find_user(op)
  User.find_by_login(op.fetch("login"))
end

def run_op(op)
  case op.fetch("op")
  when "create"
    user = User.new
    user.login = op.fetch("login")
    user.firstname = op.fetch("firstname", op["login"].to_s[0, 30])
    user.lastname = op.fetch("lastname", "Judge")
    user.mail = op.fetch("mail", "#{op["login"]}@example.com")
    user.password = user.password_confirmation = op.fetch("password")
    user.admin = op.fetch("admin", false)
    user.status = op.fetch("status", User::STATUS_ACTIVE)
    user.must_change_passwd = op.fetch("must_change", false)
    user.save ? { "id" => user.id } : { "error" => user.errors.full_messages }
  when "login"
    { "ok" => !User.try_to_login(op.fetch("login"), op.fetch("password")).nil? }
  when "user"
    user = find_user(op) or return { "found" => false }
    answer = { "found" => true, "id" => user.id, "active" => user.active?,
               "registered" => user.registered?, "locked" => user.locked?, "admin" => user.admin?,
               "must_change_password" => user.must_change_password?, "status" => user.status,
               "mail" => user.mail }
    answer["valid"] = user.valid?
    answer["errors"] = user.errors.full_messages
    answer
  when "admins"
    { "admins" => User.where(admin: true).pluck(:login).sort,
      "active_admins" => User.active.where(admin: true).pluck(:login).sort }
  when "hash"
    user = find_user(op) or return { "found" => false }
    { "hashed_password" => user.hashed_password, "salt" => user.salt }
  when "tokens"
    user = find_user(op) or return { "found" => false }
    { "actions" => Token.where(user_id: user.id).pluck(:action).sort }
  when "make_tokens"
    user = find_user(op) or return { "found" => false }
    user.api_key                      # My account: API access key
    user.atom_key                     # My account: Atom access key
    user.generate_session_token       # every sign-in
    user.generate_autologin_token     # sign-in with "Stay logged in"
    Token.new(user: user, action: "recovery").save! # AccountController#lost_password
    { "ok" => true, "api_key" => user.api_key }
  when "by_api_key"
    { "found" => !User.find_by_api_key(op.fetch("key")).nil? }
  else
    raise ArgumentError, "unknown op #{op["op"].inspect}"
  end
end

def batch
  fail!("no users table: run migrate first") unless connection.table_exists?("users")
  $stdout.sync = true
  $stdin.each_line.with_index(1) do |line, number|
    next if line.strip.empty?
    begin
      op = JSON.parse(line)
      puts JSON.generate(run_op(op))
    rescue StandardError => e
      fail!("line #{number} (#{line.strip}): #{e.class}: #{e.message}")
    end
  end
end

url, command = ARGV
fail!("usage: redmine_judge.rb URL migrate|migrate-chain|schema|batch") unless url && command
unless %w[migrate migrate-chain schema batch].include?(command)
  fail!("unknown command #{command}")
end
begin
  boot(url)
  case command
  when "migrate" then migrate(false)
  when "migrate-chain" then migrate(true)
  when "schema" then puts JSON.generate(schema)
  when "batch" then batch
  end
rescue SystemExit
  raise
rescue Exception => e # rubocop:disable Lint/RescueException
  fail!("#{command}: #{e.class}: #{e.message}\n  #{e.backtrace.first(8).join("\n  ")}")
end
