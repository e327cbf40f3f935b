//! Deterministic synthetic corpora of Swedish steering documents, for
//! styrlint's benchmarks (`benches/`, `scripts/bench.sh`). Not part of the
//! `styrlint` binary and not published.
//!
//! A corpus is a register of *M* bodies (with aliases, reporting lines, and
//! one body in ten abolished and replaced) and *N* documents of about 3 KB (10,000 make 30 MB):
//! front matter (`typ`, `beslutad_av`, `beslutad`, `aktualitetsprövas`,
//! `bygger_på` across folders), a purpose section with a link to the parent
//! document, "Roller och ansvar" with bold lead terms and mandate verbs,
//! "Mål" with mostly measurable goals, running text that mentions bodies in
//! inflected forms (about 10 % of the mentions name abolished bodies), and
//! "Uppföljning". The same [`Params`] always give the same bytes.
//!
//! The generator has no dependencies: a SplitMix64 generator is enough, and
//! keeping the crate free of them keeps its output stable across versions.

use std::fmt::Write;

/// What to generate.
#[derive(Clone, Debug)]
pub struct Params {
    /// Number of documents besides the register.
    pub docs: usize,
    /// Number of bodies in the register.
    pub bodies: usize,
    /// Seed of the generator.
    pub seed: u64,
    /// Bodies the documents mention are drawn from the first
    /// `mentioned_bodies` of the register (all when `None`), so that the text
    /// can stay the same while only the register grows.
    pub mentioned_bodies: Option<usize>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            docs: 1000,
            bodies: 5000,
            seed: 1,
            mentioned_bodies: None,
        }
    }
}

/// A generated corpus.
#[derive(Clone, Debug, Default)]
pub struct Generated {
    /// (relative path with `/`, text), the register first.
    pub files: Vec<(String, String)>,
    /// The names and aliases of the abolished bodies.
    pub abolished_names: Vec<String>,
    /// The name of every body, by register row.
    pub body_names: Vec<String>,
}

impl Generated {
    /// Total size of the text in bytes.
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, t)| t.len()).sum()
    }
}

/// Generates a corpus.
pub fn generate(params: &Params) -> Generated {
    let register = Register::new(params.bodies.max(3), params.seed);
    let mut files = Vec::with_capacity(params.docs + 1);
    files.push(("register.md".to_string(), register.text()));
    let docs = plan_documents(params.docs, params.seed);
    let mentioned = params
        .mentioned_bodies
        .unwrap_or(register.bodies.len())
        .clamp(3, register.bodies.len());
    for (i, d) in docs.iter().enumerate() {
        let mut rng = Rng::new(params.seed ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        files.push((d.path(), document(i, &docs, &register, mentioned, &mut rng)));
    }
    let abolished_names = register
        .bodies
        .iter()
        .filter(|b| b.abolished)
        .flat_map(|b| [b.name.clone(), b.alias.clone()])
        .collect();
    Generated {
        files,
        abolished_names,
        body_names: register.bodies.iter().map(|b| b.name.clone()).collect(),
    }
}

/// SplitMix64: small, fast, and good enough for text.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator with this seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

// Syllables with distinct initials, so that acronyms are unique.
const SYLLABLES: &[&str] = &[
    "berg", "dal", "holm", "vik", "sjö", "ås", "lund", "myr", "torp", "näs", "ek", "fors",
];

/// (kind in the register, definite compound ending, acronym letter)
const KINDS: &[(&str, &str, char)] = &[
    ("nämnd", "nämnden", 'N'),
    ("utskott", "utskottet", 'U'),
    ("styrgrupp", "styrgruppen", 'S'),
    ("råd", "rådet", 'R'),
    ("arbetsgrupp", "arbetsgruppen", 'A'),
    ("kontor", "kontoret", 'K'),
    ("förvaltning", "förvaltningen", 'F'),
    ("bolag", "bolaget", 'B'),
];

struct Body {
    name: String,
    alias: String,
    kind: &'static str,
    abolished: bool,
    reports_to: Option<usize>,
    replaced_by: Option<usize>,
}

struct Register {
    bodies: Vec<Body>,
    /// The bodies that report to each body.
    children: Vec<Vec<usize>>,
}

impl Register {
    fn new(n: usize, seed: u64) -> Register {
        let mut rng = Rng::new(seed ^ 0x5eed);
        let mut bodies = vec![
            Body {
                name: "Kommunfullmäktige".into(),
                alias: "KF".into(),
                kind: "fullmäktige",
                abolished: false,
                reports_to: None,
                replaced_by: None,
            },
            Body {
                name: "Kommunstyrelsen".into(),
                alias: "KS".into(),
                kind: "styrelse",
                abolished: false,
                reports_to: Some(0),
                replaced_by: None,
            },
        ];
        for i in 2..n {
            let k = i - 2;
            let (kind, ending, letter) = KINDS[k % KINDS.len()];
            let syllables = place_syllables(k / KINDS.len());
            let place: String = syllables.iter().map(|&s| SYLLABLES[s]).collect();
            let name = format!("{}{}", capitalise(&place), joint(&place, ending));
            let mut alias: String = syllables
                .iter()
                .filter_map(|&s| SYLLABLES[s].chars().next())
                .flat_map(char::to_uppercase)
                .collect();
            alias.push(letter);
            // Nämnder report to KS; the rest to an earlier nämnd, or to KS.
            let reports_to = if kind == "nämnd" || i < 10 {
                Some(1)
            } else {
                let nth = rng.below(i.saturating_sub(2) / KINDS.len() + 1);
                Some(2 + nth * KINDS.len())
            };
            bodies.push(Body {
                name,
                alias,
                kind,
                abolished: false,
                reports_to,
                replaced_by: None,
            });
        }
        // One body in ten (never KF or KS) is abolished and replaced by the
        // next body of the same kind.
        for i in (12..n).step_by(10) {
            let successor = i + KINDS.len();
            if successor < n {
                bodies[i].abolished = true;
                bodies[i].replaced_by = Some(successor);
            }
        }
        let mut children = vec![Vec::new(); bodies.len()];
        for (i, b) in bodies.iter().enumerate() {
            if let Some(p) = b.reports_to {
                children[p].push(i);
            }
        }
        Register { bodies, children }
    }

    fn text(&self) -> String {
        let mut t = String::with_capacity(self.bodies.len() * 110 + 600);
        t.push_str(
            "---\ntitel: Register över organ\ntyp: register\nbeslutad_av: Kommunstyrelsen\n\
             beslutad: 2024-01-15\naktualitetsprövas: 2026-12-31\nansvarig: Kommunstyrelsen\n---\n\n\
             # Register över organ\n\n\
             Registret förtecknar de politiska organ, förvaltningar, kontor, grupper och bolag som \
             nämns i styrdokumenten. Organ som har avvecklats står kvar med datum och efterträdare.\n\n\
             | Organ | Typ | Alias | Inrättad | Avvecklad | Ersatt av | Rapporterar till |\n\
             |---|---|---|---|---|---|---|\n",
        );
        for b in &self.bodies {
            let name = |i: Option<usize>| i.map_or("", |i| self.bodies[i].name.as_str());
            let _ = writeln!(
                t,
                "| {} | {} | {} | 2015-01-01 | {} | {} | {} |",
                b.name,
                b.kind,
                b.alias,
                if b.abolished { "2023-01-01" } else { "" },
                name(b.replaced_by),
                name(b.reports_to),
            );
        }
        t
    }
}

/// The syllables of the `n`th place name: three (or more) base-12 digits
/// of `n`, scrambled by a bijection so that neighbours sound different.
fn place_syllables(n: usize) -> Vec<usize> {
    let base = SYLLABLES.len();
    let (mut digits, mut start) = (3, 0);
    while n - start >= base.pow(digits) {
        start += base.pow(digits);
        digits += 1;
    }
    let space = base.pow(digits);
    // 1001 = 7 · 11 · 13 is coprime to every power of 12.
    let mut m = ((n - start) * 1001 + 337) % space;
    (0..digits)
        .map(|_| {
            let d = m % base;
            m /= base;
            d
        })
        .collect()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The compound joint: "Bergdals" + "nämnden", "Bergvik" + "styrgruppen".
fn joint(place: &str, ending: &str) -> String {
    if place.ends_with('s') || place.ends_with('k') {
        ending.to_string()
    } else {
        format!("s{ending}")
    }
}

/// A document's place in the hierarchy.
struct DocPlan {
    id: String,
    title: String,
    typ: &'static str,
    level: u8,
    area: &'static str,
    parent: Option<usize>,
}

impl DocPlan {
    fn path(&self) -> String {
        format!("{}/{}/{}.md", self.area, folder(self.typ), self.id)
    }
}

fn folder(typ: &str) -> &str {
    match typ {
        "mål- och resursplan" | "vision" | "reglemente" => "overgripande",
        "policy" => "policyer",
        "strategi" | "program" => "strategier",
        "plan" | "handlingsplan" | "färdplan" => "planer",
        "riktlinje" | "projektplan" => "riktlinjer",
        _ => "rutiner",
    }
}

const AREAS: &[&str] = &[
    "kommunstyrelsen",
    "utbildning",
    "omsorg",
    "socialtjanst",
    "samhallsbyggnad",
    "kultur-fritid",
    "miljo",
    "teknik",
    "arbetsmarknad",
    "ekonomi",
    "personal",
    "digitalisering",
];

const SUBJECTS: &[(&str, &str)] = &[
    ("social hållbarhet", "social-hallbarhet"),
    ("trygghet", "trygghet"),
    ("integration", "integration"),
    ("klimat och energi", "klimat-energi"),
    ("digitalisering", "digitalisering"),
    ("kompetensförsörjning", "kompetensforsorjning"),
    ("folkhälsa", "folkhalsa"),
    ("upphandling", "upphandling"),
    ("informationssäkerhet", "informationssakerhet"),
    ("barn och unga", "barn-unga"),
    ("näringsliv", "naringsliv"),
    ("bostadsförsörjning", "bostadsforsorjning"),
    ("krisberedskap", "krisberedskap"),
    ("jämställdhet", "jamstalldhet"),
    ("kulturarv", "kulturarv"),
    ("vatten och avlopp", "vatten-avlopp"),
];

/// Types by level; a document builds on one of a higher level.
fn plan_documents(n: usize, seed: u64) -> Vec<DocPlan> {
    let mut rng = Rng::new(seed ^ 0xd0c5);
    let mut out: Vec<DocPlan> = Vec::with_capacity(n);
    // Indices of documents per level, to pick parents from.
    let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); 7];
    for i in 0..n {
        // About 0.5 % level 1, 2 % policies, 7 % strategies, 30 % plans,
        // 35 % guidelines, the rest procedures; the first few documents
        // seed every level.
        let roll = if i < 6 { i * 17 } else { rng.below(1000) };
        let (typ, level): (&'static str, u8) = match roll {
            0..5 => (*rng.pick(&["vision", "mål- och resursplan"]), 1),
            5..25 => ("policy", 2),
            25..95 => (*rng.pick(&["strategi", "program"]), 3),
            95..395 => (*rng.pick(&["plan", "handlingsplan", "färdplan"]), 4),
            395..745 => (*rng.pick(&["riktlinje", "projektplan"]), 5),
            _ => ("rutin", 6),
        };
        let (subject, slug) = *rng.pick(SUBJECTS);
        let area = *rng.pick(AREAS);
        let parent = (1..level)
            .rev()
            .find_map(|l| {
                let candidates = &by_level[l as usize];
                (!candidates.is_empty()).then(|| candidates[rng.below(candidates.len())])
            })
            .filter(|_| level > 1);
        let word = capitalise(typ);
        out.push(DocPlan {
            id: format!("{}-{slug}-{i}", ascii(typ)),
            title: format!("{word} för {subject} {i}"),
            typ,
            level,
            area,
            parent,
        });
        by_level[level as usize].push(i);
    }
    out
}

fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            ' ' => '-',
            c => c,
        })
        .collect()
}

const MATTERS: &[&str] = &[
    "fördelningen av medel inom området",
    "vilka insatser som ska prioriteras",
    "årets aktivitetsplan",
    "riktlinjer för samverkan",
    "upphandling av stödtjänster",
    "indikatorer för uppföljningen",
    "tidplan för genomförandet",
    "rutiner för avvikelsehantering",
];

const FILLER: &[&str] = &[
    "Arbetet ska bedrivas i nära samverkan mellan förvaltningarna och de kommunala bolagen.",
    "Insatserna ska utgå från invånarnas behov och bygga på kunskap och beprövad erfarenhet.",
    "Verksamheterna ska planera sina åtaganden så att de ryms inom den budget som fullmäktige har beslutat.",
    "Samordningen ska förbättras så att resurserna används där de gör störst nytta.",
    "Dialogen med civilsamhället och näringslivet är en viktig del av genomförandet.",
    "Erfarenheter från tidigare år visar att långsiktighet och tydliga ansvarsförhållanden ger bättre resultat.",
    "Alla förvaltningar ska i sina verksamhetsplaner beskriva hur de bidrar till målen.",
    "Medarbetarna ska ha tillgång till det stöd och den kompetens som uppdraget kräver.",
    "Planen ska vara känd i hela organisationen och användas i det dagliga arbetet.",
    "Jämställdhet, tillgänglighet och barnets bästa ska beaktas i alla beslut.",
];

const TIMES: &[&str] = &[
    "årligen i samband med årsredovisningen",
    "två gånger per år",
    "i delårsrapporten i augusti",
    "varje kvartal",
    "i verksamhetsberättelsen",
];

/// A body mentioned in running text, in one of its forms.
fn mention(reg: &Register, mentioned: usize, rng: &mut Rng, abolished: bool) -> String {
    let b = pick_body(reg, mentioned, rng, abolished);
    let body = &reg.bodies[b];
    match rng.below(6) {
        0 => format!("{}s", body.name),
        1 => body.name.to_lowercase(),
        2 => body.alias.clone(),
        _ => body.name.clone(),
    }
}

/// The body that decides an organisation-wide matter: the same for every
/// document, a live body among the mentioned ones.
fn matter_holder(reg: &Register, mentioned: usize, matter: usize) -> usize {
    (0..mentioned)
        .map(|k| (matter * 7919 + k * 104_729) % mentioned)
        .find(|&b| !reg.bodies[b].abolished)
        .unwrap_or(0)
}

fn pick_body(reg: &Register, mentioned: usize, rng: &mut Rng, abolished: bool) -> usize {
    for _ in 0..32 {
        let b = rng.below(mentioned);
        if reg.bodies[b].abolished == abolished {
            return b;
        }
    }
    // No abolished body among the first `mentioned`: any body will do.
    rng.below(mentioned)
}

fn document(i: usize, docs: &[DocPlan], reg: &Register, mentioned: usize, rng: &mut Rng) -> String {
    let d = &docs[i];
    let mut t = String::with_capacity(4400);
    let year = 2019 + rng.below(6);
    // Level 1 and 2 are adopted by fullmäktige, the rest by a nämnd.
    let decided_by = if d.level <= 2 {
        0
    } else {
        let councils = mentioned.saturating_sub(2) / KINDS.len();
        (0..8)
            .map(|_| 2 + KINDS.len() * rng.below(councils.max(1)))
            .find(|&b| b < reg.bodies.len() && !reg.bodies[b].abolished)
            .unwrap_or(1)
    };
    let owner = pick_body(reg, mentioned, rng, false);
    let _ = write!(
        t,
        "---\nid: {}\ntitel: {}\ntyp: {}\nbeslutad_av: {}\nbeslutad: {year}-{:02}-{:02}\n\
         aktualitetsprövas: {}-12-31\nansvarig: {}\n",
        d.id,
        d.title,
        d.typ,
        reg.bodies[decided_by].name,
        1 + rng.below(12),
        1 + rng.below(28),
        year + 3 + rng.below(3),
        reg.bodies[owner].name,
    );
    if let Some(p) = d.parent {
        let _ = write!(t, "bygger_på:\n  - {}\n", docs[p].id);
    }
    t.push_str("status: gällande\n---\n\n");
    let _ = write!(t, "# {}\n\n## Syfte\n\n", d.title);
    let _ = write!(
        t,
        "{} beskriver hur kommunen ska arbeta med {} under perioden {year}–{}. ",
        capitalise(d.typ),
        d.title.to_lowercase(),
        year + 4
    );
    if let Some(p) = d.parent {
        let _ = write!(
            t,
            "Den bygger på [{}](../../{}) och omsätter dess inriktning i konkreta åtaganden.",
            docs[p].title,
            docs[p].path()
        );
    }
    t.push_str("\n\n");
    for _ in 0..2 {
        let word: &&str = rng.pick(FILLER);
        t.push_str(word);
        t.push(' ');
    }
    t.push_str("\n\n## Roller och ansvar\n\n");
    // The roles are bodies that report to the adopting body where it has
    // any, as in a real organisation.
    let under: Vec<usize> = reg.children[decided_by]
        .iter()
        .copied()
        .filter(|&b| b < mentioned && !reg.bodies[b].abolished)
        .collect();
    let mut roles: Vec<usize> = (0..3 + rng.below(2))
        .map(|_| {
            if under.is_empty() {
                pick_body(reg, mentioned, rng, false)
            } else {
                *rng.pick(&under)
            }
        })
        .collect();
    // One document in twenty decides a matter of the whole organisation,
    // and names the body that holds it; one such statement in fifty gives
    // it to another body instead (a planted conflicting mandate). The rest
    // decide matters of their own document.
    let shared_matter = rng.chance(5).then(|| rng.below(MATTERS.len()));
    if let Some(m) = shared_matter
        && !rng.chance(2)
    {
        roles[0] = matter_holder(reg, mentioned, m);
    }
    for (r, &b) in roles.iter().enumerate() {
        let name = &reg.bodies[b].name;
        let sentence = match (r, shared_matter) {
            (0, Some(m)) => format!("{name} fattar beslut om {}.", MATTERS[m]),
            (0, None) => format!(
                "{name} fattar beslut om {} inom {}.",
                rng.pick(MATTERS),
                d.title.to_lowercase()
            ),
            (1, _) => {
                format!("{name} bereder ärenden inom området och lämnar förslag till beslut.")
            }
            (2, _) => format!(
                "{name} följer upp arbetet och rapporterar till {} {}.",
                reg.bodies[roles[0]].name,
                rng.pick(TIMES)
            ),
            _ => format!("{name} stödjer verksamheterna med kunskap och underlag."),
        };
        let _ = write!(t, "**{name}:** {sentence} {}\n\n", rng.pick(FILLER));
    }
    t.push_str("## Mål\n\n");
    for g in 0..3 {
        if g == 2 && rng.chance(15) {
            t.push_str("- Samverkan mellan verksamheterna ska utvecklas och fördjupas.\n");
        } else {
            let _ = writeln!(
                t,
                "- Andelen invånare som är nöjda med {} ska öka från {} procent till {} procent senast {}.",
                rng.pick(SUBJECTS).0,
                40 + rng.below(30),
                70 + rng.below(25),
                year + 3
            );
        }
    }
    t.push_str("\n## Genomförande\n\n");
    // Running text with mentions until the document is about 3 KB; about
    // one mention in ten names an abolished body.
    let target = 2800 + rng.below(500);
    while t.len() < target {
        let abolished = rng.chance(10);
        let who = mention(reg, mentioned, rng, abolished);
        let sentence = match rng.below(4) {
            0 => format!("I samarbete med {who} ska arbetet följas upp och utvecklas. "),
            1 => {
                format!("Enligt {who} behöver insatserna samordnas bättre mellan verksamheterna. ")
            }
            2 => {
                format!("Underlaget tas fram tillsammans med {who} inför varje planeringsperiod. ")
            }
            _ => format!("Frågan har diskuterats med {who} och ska behandlas under året. "),
        };
        t.push_str(&sentence);
        let word: &&str = rng.pick(FILLER);
        t.push_str(word);
        if rng.chance(35) {
            t.push_str("\n\n");
        } else {
            t.push(' ');
        }
    }
    let _ = write!(
        t,
        "\n\n## Uppföljning\n\n{} följer upp {} {} och rapporterar resultatet till {}.\n",
        reg.bodies[owner].name,
        d.typ,
        rng.pick(TIMES),
        reg.bodies[decided_by].name
    );
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_about_three_kilobytes() {
        let p = Params {
            docs: 200,
            bodies: 300,
            seed: 7,
            mentioned_bodies: None,
        };
        let a = generate(&p);
        let b = generate(&p);
        assert_eq!(a.files, b.files);
        let avg = (a.bytes() - a.files[0].1.len()) / p.docs;
        assert!((2500..4500).contains(&avg), "{avg}");
        assert!(!a.abolished_names.is_empty());
    }
}
