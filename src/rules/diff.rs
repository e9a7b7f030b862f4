//! What a council pack changes against its base: every field of the merged
//! pack that differs from the base's, so an override that repeats the base's
//! value is not listed and nothing changed is left out.

use super::pack::{KindsRef, NumberRef, Origin, Pack, Parameter, WindowRef};

/// One difference (serialised as `diffRulePack` lists it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// `pack`, `parameter` or `indicator`.
    #[tsify(type = "\"pack\" | \"parameter\" | \"indicator\"")]
    pub what: &'static str,
    /// The id of the parameter or indicator (the pack's id for `pack`).
    pub id: String,
    /// `added`, `removed` or `changed`.
    #[tsify(type = "\"added\" | \"removed\" | \"changed\"")]
    pub change: &'static str,
    /// The field changed (for `changed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub field: Option<&'static str>,
    /// The base's value, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub from: Option<String>,
    /// The council pack's value, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub to: Option<String>,
    /// Where the council pack says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub path: Option<String>,
}

fn number(n: &NumberRef) -> String {
    match n {
        NumberRef::Literal(d) => d.normalize().to_string(),
        NumberRef::Parameter(id) => format!("parameter \"{id}\""),
    }
}

fn window(w: Option<&WindowRef>) -> String {
    w.map_or_else(
        || "none".to_owned(),
        |w| format!("{} {}", number(&w.length), w.unit.id()),
    )
}

fn kinds(k: Option<&KindsRef>) -> String {
    match k {
        None => "any".to_owned(),
        Some(KindsRef::Literal(list)) => list.join(", "),
        Some(KindsRef::Parameter(id)) => format!("parameter \"{id}\""),
    }
}

fn values(p: &Parameter) -> String {
    p.values
        .iter()
        .map(|v| match v.to {
            Some(to) => format!("{} from {} to {to}", v.value, v.from),
            None => format!("{} from {}", v.value, v.from),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn compare(
    out: &mut Vec<Change>,
    what: &'static str,
    id: &str,
    origin: &Origin,
    fields: Vec<(&'static str, String, String)>,
) {
    for (field, from, to) in fields {
        if from != to {
            out.push(Change {
                what,
                id: id.to_owned(),
                change: "changed",
                field: Some(field),
                from: Some(from),
                to: Some(to),
                path: origin.best(&[field]),
            });
        }
    }
}

/// The differences between `pack` (a council pack merged onto `base`) and `base`.
pub fn diff(base: &Pack, pack: &Pack) -> Vec<Change> {
    let mut out = Vec::new();
    let date =
        |d: Option<crate::date::Date>| d.map_or_else(|| "none".to_owned(), |d| d.to_string());
    compare(
        &mut out,
        "pack",
        &pack.id,
        &pack.origin,
        vec![
            ("id", base.id.clone(), pack.id.clone()),
            ("title", base.title.clone(), pack.title.clone()),
            ("version", base.version.clone(), pack.version.clone()),
            (
                "validFrom",
                base.valid_from.to_string(),
                pack.valid_from.to_string(),
            ),
            ("validTo", date(base.valid_to), date(pack.valid_to)),
            ("source", base.source.clone(), pack.source.clone()),
        ],
    );
    for p in &pack.parameters {
        match base.parameter(&p.id) {
            None => out.push(Change {
                what: "parameter",
                id: p.id.clone(),
                change: "added",
                field: None,
                from: None,
                to: Some(format!("{} ({}): {}", p.title, p.unit.id(), values(p))),
                path: p.origin.root.clone(),
            }),
            Some(b) => compare(
                &mut out,
                "parameter",
                &p.id,
                &p.origin,
                vec![
                    ("title", b.title.clone(), p.title.clone()),
                    ("evidence", b.evidence.clone(), p.evidence.clone()),
                    ("source", b.source.clone(), p.source.clone()),
                    ("values", values(b), values(p)),
                ],
            ),
        }
    }
    for b in &base.indicators {
        if !pack.indicators.iter().any(|i| i.id == b.id) {
            out.push(Change {
                what: "indicator",
                id: b.id.clone(),
                change: "removed",
                field: None,
                from: Some(b.title.clone()),
                to: None,
                path: None,
            });
        }
    }
    for i in &pack.indicators {
        match base.indicators.iter().find(|b| b.id == i.id) {
            None => out.push(Change {
                what: "indicator",
                id: i.id.clone(),
                change: "added",
                field: None,
                from: None,
                to: Some(format!("{} (in \"{}\")", i.title, i.group)),
                path: i.origin.root.clone(),
            }),
            Some(b) => compare(
                &mut out,
                "indicator",
                &i.id,
                &i.origin,
                vec![
                    ("title", b.title.clone(), i.title.clone()),
                    ("group", b.group.clone(), i.group.clone()),
                    (
                        "measure",
                        b.measure.info().id.to_owned(),
                        i.measure.info().id.to_owned(),
                    ),
                    ("who", b.who.id().to_owned(), i.who.id().to_owned()),
                    (
                        "window",
                        window(b.window.as_ref()),
                        window(i.window.as_ref()),
                    ),
                    ("kinds", kinds(b.kinds.as_ref()), kinds(i.kinds.as_ref())),
                    (
                        "comparator",
                        b.comparator.symbol().to_owned(),
                        i.comparator.symbol().to_owned(),
                    ),
                    ("threshold", number(&b.threshold), number(&i.threshold)),
                    ("source", b.source.clone(), i.source.clone()),
                ],
            ),
        }
    }
    out
}
