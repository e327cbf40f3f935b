//! "Did you mean …?" for names, paths and anchors.

/// The candidate most similar to `wanted`, if any is similar enough.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&w, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let names = ["Kommunstyrelsen", "Kommunfullmäktige", "Integrationsrådet"];
        assert_eq!(closest("Kommunstyrelse", names), Some("Kommunstyrelsen"));
        assert_eq!(closest("Byggnadsnämnden", names), None);
    }
}
