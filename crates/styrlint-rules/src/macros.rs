/// Declares a rule struct whose doc comments become its documentation.
///
/// ```ignore
/// declare_rule! {
///     /// What it flags …
///     pub struct BrokenLink {
///         name: "broken-link",
///         severity: Error,
///         fix: false,
///     }
/// }
/// ```
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            name: $rule:literal,
            severity: $sev:ident,
            fix: $fix:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $name;

        impl $name {
            /// The rule's metadata.
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                name: $rule,
                default_severity: styrlint_parse::Severity::$sev,
                fixable: $fix,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}

pub(crate) use declare_rule;
