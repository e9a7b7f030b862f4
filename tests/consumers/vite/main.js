// A bundler app: the element by its package export, and the engine directly.
import "community-budget/elements";
import init, { costFamily } from "community-budget";

await init();
const answer = costFamily({ baseYear: "2013/14", items: [{ code: "CR6.0", quantity: 5 }] });
document.getElementById("engine-total").textContent = answer.type === "success" ? answer.total : "failure";
