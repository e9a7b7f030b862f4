//! What every call that prices something shares: which unit-cost table
//! (`unitCostTable`, or a council's own `councilTable`) and which deflator
//! series (`deflator`) it uses, and the receipt that names them.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::json::Object;
use super::{Receipt, TableRef};
use crate::costs::pricing::CouncilSource;
pub(crate) use crate::costs::pricing::{resolve, Pricing};
use crate::costs::{TableId, UnitCostTable};

/// A council's own unit-cost table, sent as the CSV text of the template's
/// columns (`code,description,agency_l1,agency_l2,unit,cost,price_year,rag,source`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CouncilTableCall {
    /// A name for the table (`"Salford 2025-26"`); its id is `council:<name>`.
    pub name: String,
    /// The CSV text.
    pub csv: String,
    /// A built-in table the council's rows sit on top of (a council row
    /// replaces the built-in row of the same code); left out, the council's
    /// table stands alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub extends: Option<String>,
}

super::call_fields! {
    CouncilTableCall: ["name", "csv", "extends"];
}

/// The pricing fields of a call, from parsed JSON.
pub(crate) fn read_pricing(
    root: &Object<'_, '_>,
) -> (Option<String>, Option<String>, Option<CouncilTableCall>) {
    let optional = |key: &str| {
        let text = root.text(key, false);
        (!text.is_empty()).then(|| text.to_owned())
    };
    let council = root.one::<CouncilTableCall>("councilTable").map(|c| {
        let extends = c.text("extends", false);
        CouncilTableCall {
            name: c.text("name", true).to_owned(),
            csv: c.text("csv", true).to_owned(),
            extends: (!extends.is_empty()).then(|| extends.to_owned()),
        }
    });
    (optional("unitCostTable"), optional("deflator"), council)
}

impl CouncilTableCall {
    /// The table as the domain reads it.
    pub(crate) fn source(&self) -> CouncilSource<'_> {
        CouncilSource {
            name: &self.name,
            csv: &self.csv,
            extends: self.extends.as_deref(),
        }
    }
}

fn table_ref(id: &TableId) -> TableRef {
    TableRef {
        id: id.id.clone(),
        sha256: id.sha256.clone(),
    }
}

impl Receipt {
    /// The receipt naming the table and series `table` prices with: the
    /// built-in table (or the council's, when it stands alone), the built-in
    /// one a council table extends, and the deflator series.
    pub(crate) fn priced(mut self, table: &UnitCostTable) -> Self {
        let (used, extends, series) = table.receipt_ids();
        self.unit_cost_table = table_ref(&used);
        self.extends_table = extends.as_ref().map(|e| Box::new(table_ref(e)));
        self.deflator = table_ref(&series);
        self
    }
}
