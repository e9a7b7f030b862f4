#![doc = include_str!("../README.md")]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod api;
pub mod appraisal;
pub mod claims;
pub mod cohort;
pub mod costs;
pub mod date;
pub mod error;
pub mod family;
pub(crate) mod json;
pub mod kinds;
pub mod limits;
pub mod money;
pub mod neighbourhood;
pub mod place;
pub mod pool;
pub mod report;
pub mod rules;
pub(crate) mod sort;
pub mod wasm;

pub use error::{Error, ErrorCode};
pub use money::{Money, Rate, Rounding};
