// bcryptjs itself as the judge of the Prisma portal's hashes: the library its login and seed
// script call.
//
//   bcryptjs_judge.js URL compare HASH   password on stdin; prints true or false
//   bcryptjs_judge.js URL hash COST      password on stdin; prints a new hash
//
// URL is the test database's (unused: the hashes travel through the test). bcryptjs comes
// from BCRYPTJS_MODULE, or where .ci/run installs it.
const bcrypt = require(
  process.env.BCRYPTJS_MODULE || "/var/cache/breakglass/bcryptjs/node_modules/bcryptjs",
);

const [, , , command, argument] = process.argv;
const password = require("fs").readFileSync(0, "utf8");

if (command === "compare") {
  console.log(String(bcrypt.compareSync(password, argument)));
} else if (command === "hash") {
  console.log(bcrypt.hashSync(password, Number(argument)));
} else {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
