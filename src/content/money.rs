//! Money in the registry: an amount in its own currency (`Money`), and the
//! funds of an agreement or an action (`Fund`): how much, of which kind
//! (committed, disbursed, in kind) and in which direction (received by the
//! city, contributed by the city). Amounts in different currencies are
//! never added together.

use chrono::NaiveDate;

use crate::yaml::model::{Choice, Field, Kind};
use crate::yaml::{FromYaml, LangText, MapReader, Reader, YamlEnum};
use crate::yaml_enum;

/// The fields of an amount of money.
pub const MONEY_FIELDS: &[Field] = &[VALUE_FIELD, CURRENCY_FIELD];

const VALUE_FIELD: Field = Field::required(
    "value",
    Kind::Number,
    "The amount, in digits with a dot for decimals.",
);

const CURRENCY_FIELD: Field = Field::required(
    "currency",
    Kind::Currency,
    "The currency, as its three-letter ISO code (EUR, USD, MXN…).",
);

/// An amount of money in an ISO 4217 currency: `{ value: 250000, currency: EUR }`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Money {
    /// The amount.
    pub value: f64,
    /// The ISO 4217 code, uppercase.
    pub currency: String,
}

impl Money {
    /// Reads `value` and `currency` from `map` (a money mapping, or a fund
    /// that has them among its other fields).
    fn read_in(map: &mut MapReader<'_, '_>) -> Option<Money> {
        let reader = map.reader();
        let amount = map.required::<f64>("value");
        let currency = map.required::<String>("currency");
        let currency = currency.and_then(|c| {
            let upper = c.trim().to_ascii_uppercase();
            if crate::currencies::is_code(&upper) {
                Some(upper)
            } else {
                reader.error(
                    &map.path_of("currency"),
                    format!("\"{c}\" is not an ISO 4217 currency code"),
                    Some("use the three-letter code, e.g. EUR, USD, MXN, COP, PEN, UYU".into()),
                );
                None
            }
        });
        if let Some(v) = amount {
            if v < 0.0 {
                reader.error(
                    &map.path_of("value"),
                    "an amount cannot be negative",
                    Some("write the amount without a minus sign; whether the city receives or gives it is said by `direction`".into()),
                );
                return None;
            }
        }
        Some(Money {
            value: amount?,
            currency: currency?,
        })
    }
}

impl FromYaml for Money {
    const EXAMPLE: &'static str = "{ value: 250000, currency: EUR }";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        let mut map = reader.mapping(value, path)?;
        let money = Money::read_in(&mut map);
        map.finish();
        money
    }
}

yaml_enum!(
    /// What stage an amount of money is at, or that it is not money.
    FundKind {
        /// Promised: agreed, not yet paid.
        Committed = "committed",
        /// Actually paid out.
        Disbursed = "disbursed",
        /// Given as goods, staff time or services, at an estimated value.
        InKind = "in-kind",
    }
);

yaml_enum!(
    /// Which way the money goes, seen from the city.
    Direction {
        /// The city receives it.
        Received = "received",
        /// The city gives it.
        Contributed = "contributed",
    }
);

/// The fields of one entry of `funds`.
pub const FUND_FIELDS: &[Field] = &[
    Field::required(
        "kind",
        Kind::Choice(Choice {
            ids: <FundKind as YamlEnum>::IDS,
            words: "fund_kind_",
        }),
        "committed (agreed), disbursed (paid out) or in-kind (goods, staff or services, at an estimated value).",
    )
    .words("fund_kind"),
    Field::required(
        "direction",
        Kind::Choice(Choice {
            ids: <Direction as YamlEnum>::IDS,
            words: "fund_direction_",
        }),
        "received (by the city) or contributed (by the city).",
    )
    .words("fund_direction"),
    VALUE_FIELD,
    CURRENCY_FIELD,
    Field::optional(
        "date",
        Kind::Date,
        "When it was committed, paid or given.",
    )
    .words("fund_date"),
    Field::optional(
        "description",
        Kind::Texts(&Kind::Line),
        "What it is for or what was given, in each language.",
    )
    .words("fund_description"),
];

/// The example shown in advice about `funds`.
pub(crate) const FUND_EXAMPLE: &str =
    "{ kind: committed, direction: received, value: 250000, currency: EUR }";

/// One amount of the funds of an agreement or an action.
#[derive(Debug, Clone, PartialEq)]
pub struct Fund {
    /// Committed, disbursed or in kind.
    pub kind: FundKind,
    /// Received or contributed by the city.
    pub direction: Direction,
    /// The amount in its currency.
    pub money: Money,
    /// When, if given.
    pub date: Option<NaiveDate>,
    /// What it is for, per language.
    pub description: Option<LangText>,
}

impl FromYaml for Fund {
    const EXAMPLE: &'static str = FUND_EXAMPLE;
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        let mut map = reader.mapping(value, path)?;
        let kind = map.required::<FundKind>("kind");
        let direction = map.required::<Direction>("direction");
        let money = Money::read_in(&mut map);
        let date = map.optional::<NaiveDate>("date");
        let description = map.optional::<LangText>("description");
        if let Some(d) = date {
            super::check_date_range(&map, "date", d);
        }
        map.finish();
        Some(Fund {
            kind: kind?,
            direction: direction?,
            money: money?,
            date,
            description,
        })
    }
}

/// Reads the optional `funds` of an agreement or an action.
pub(crate) fn read_funds(map: &mut MapReader<'_, '_>) -> Vec<Fund> {
    map.optional::<Vec<Fund>>("funds").unwrap_or_default()
}
