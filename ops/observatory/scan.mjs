// `make observatory` (ops/observatory.py): the pinned MDN HTTP Observatory's scan of one
// host whose HTTP and HTTPS servers listen on the given ports, printed as JSON.
//
// Usage: node scan.mjs <hostname> <httpPort> <httpsPort>
//
// The package's own CLI (src/scan.js -> scanner/index.js scan()) always uses ports 80 and 443:
// scan() calls retrieve(hostname) without the httpPort/httpsPort options retrieve() accepts.
// So this calls retrieve() with them and then grades exactly as scan() does (same tests,
// same score table, same extra-credit rule); keep it in step when upgrading the package.
import { retrieve } from "@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { ALL_TESTS, ALGORITHM_VERSION } from "@mdn/mdn-http-observatory/src/constants.js";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";
import {
  getGradeForScore,
  getScoreDescription,
  getScoreModifier,
} from "@mdn/mdn-http-observatory/src/grader/grader.js";

const [hostname, httpPort, httpsPort] = process.argv.slice(2);
if (!hostname || !httpPort || !httpsPort) {
  console.error("usage: node scan.mjs <hostname> <httpPort> <httpsPort>");
  process.exit(2);
}

const requests = await retrieve(hostname, { httpPort, httpsPort });
if (!requests.responses.auto) {
  console.error(`The site seems to be down: no answer from ${hostname}.`);
  process.exit(1);
}
const { status } = requests.responses.auto;
if (status < 200 || (status >= 400 && ![401, 403].includes(status))) {
  console.error(`The site answered with an unexpected HTTP status code ${status}.`);
  process.exit(1);
}

let score = 100;
let uncurvedScore = 100;
let testsPassed = 0;
const tests = [];
for (const test of ALL_TESTS) {
  const output = test(requests);
  const scoreModifier = output.result ? getScoreModifier(output.result) : 0;
  score += scoreModifier;
  if (scoreModifier < 0) {
    uncurvedScore += scoreModifier;
  }
  testsPassed += output.result && output.pass ? 1 : 0;
  tests.push({
    ...output, // the test's findings: the redirect route, the HSTS header, the CSP...
    name: output.constructor.name,
    scoreModifier,
    description: output.result ? getScoreDescription(output.result) : "",
  });
}
// Extra credit counts only when the score without it is already an A.
const final = getGradeForScore(
  uncurvedScore >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? score : uncurvedScore
);
const auto = requests.responses.auto;
console.log(
  JSON.stringify(
    {
      algorithmVersion: ALGORITHM_VERSION,
      grade: final.grade,
      score: final.score,
      testsPassed,
      testsQuantity: ALL_TESTS.length,
      url: requests.session?.url.href,
      statusCode: auto.status,
      verified: auto.verified ?? false,
      responseHeaders: Object.fromEntries(Object.entries(auto.headers)),
      tests,
    },
    null,
    2
  )
);
