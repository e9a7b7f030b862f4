// A bundler app: the element by its package export, and the engine directly.
import "community-budget/elements";
import init, { costFamily } from "community-budget";

await init();
// No price year: the deflator series' latest outturn year, today's money (as the element opens).
const answer = costFamily({ items: [{ code: "CR6.0", quantity: 5 }] });
document.getElementById("engine-total").textContent = answer.type === "success" ? answer.total : "failure";
