//! Duplicate stories: the same story filed twice, or twice with small edits.
//!
//! Stories are compared as words after [`word_hashes`] has dropped case, punctuation and
//! the words of the user-story template, so "As a user, I want to export invoices." and
//! "as an user i want export invoices" are the same story ("user export invoices").
//!
//! Each word is kept as a 64-bit hash, not as text: 8 bytes per word instead of a string
//! (at a million stories the strings alone were about 500 MB), and comparing two words is
//! comparing two integers. Every comparison below is of hashes, so two different words
//! with the same hash would count as the same word. With the hash behaving as a random
//! function, the chance that any two of `n` distinct words in a backlog collide is at most
//! n² / 2⁶⁵: for a million distinct words (far more than any backlog has) that is about
//! 3·10⁻⁸, and even a collision would only change one word's match in the stories that
//! contain one of the two words.
//!
//! [`exact_groups`] hashes whole word sequences: linear time.
//!
//! [`near_duplicates`] compares **word sets** with the Jaccard similarity |A ∩ B| / |A ∪ B|.
//! Word 2-shingles were considered and rejected: after the template words are gone a story
//! has about ten words (median 11 in the public Dalpiaz user-story corpus), and one word
//! inserted in the middle removes one shingle and adds two, so an 11-word story and its
//! copy with one word more are at 9/12 = 0.75 as shingles but 11/12 = 0.92 as word sets.
//! Shingles would miss exactly the small edits that make near-duplicates ("export invoices
//! as PDF" / "export the invoices as a PDF file"), and word order rarely distinguishes two
//! backlog items. Finding the pairs uses MinHash signatures and locality-sensitive hashing
//! (LSH) with bands, so the work grows with the number of words (times 32 hash values) and
//! a sort of the distinct word sets per band, not with the number of pairs of stories:
//!
//! 1. Stories with the same word set are handled once (their pairs with other sets are
//!    found once and then expanded to every member).
//! 2. Each distinct set gets `rows × bands` MinHash values (`h_k(w) = a_k·hash(w) + b_k`
//!    mod 2⁶⁴ with fixed seeds, so results are deterministic). `rows` is the largest of
//!    1..=8 for which, with `bands = 32 / rows`, a pair exactly at the threshold becomes a
//!    candidate with probability `1 − (1 − t^rows)^bands ≥ 0.995` (t = 0.8 gives 3 rows ×
//!    10 bands, t = 0.9 gives 5 × 6); pairs above the threshold are found with higher
//!    probability (at t = 0.8, a pair at 0.85 is missed with probability 3·10⁻⁵).
//! 3. Within each band, sets whose signatures agree on all of the band's rows share a
//!    bucket and become candidate pairs. A bucket holding more than [`BUCKET_CAP`] distinct
//!    sets is skipped (in that band only): it means hundreds of near-identical stories,
//!    which would otherwise cost quadratic work and a flood of pairs no one reads.
//! 4. Every candidate is verified with the exact Jaccard similarity of the two sets before
//!    it is returned, so there are no false positives (up to the hash collisions above);
//!    false negatives are possible but rare (step 2). The merge of the two sorted sets
//!    stops as soon as the words left cannot bring the common words up to the fewest that
//!    pass (a number that depends only on |A| + |B|, tabulated once), which ends most
//!    candidates after a few words. A pair that shares buckets in several bands is kept
//!    from the first of them only, so no list of candidates is built or deduplicated.
//!
//! The steps that are independent per story, per set, per band or per candidate (sorting
//! each story's words, the signatures, the buckets of each band, the verification) run in
//! parallel; their results are collected in a fixed order, so the output does not depend
//! on the number of threads.
//!
//! Stories that are exact duplicates (the same word sequence) are never paired here:
//! [`exact_groups`] reports them. Stories with the same word *set* in a different order are
//! paired with similarity 1.0. Empty stories are never grouped or paired.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use rayon::prelude::*;

/// Words of the user-story template and other function words, dropped by [`word_hashes`]
/// (sorted, for binary search).
#[rustfmt::skip]
pub const TEMPLATE_WORDS: &[&str] = &[
    "a", "able", "about", "also", "am", "an", "and", "are", "as", "at", "be", "been", "being",
    "by", "can", "could", "do", "does", "etc", "for", "from", "have", "i", "im", "in", "into",
    "is", "it", "its", "ive", "just", "like", "may", "me", "might", "must", "my", "need",
    "needs", "of", "on", "or", "order", "our", "ourselves", "shall", "should", "so", "some",
    "that", "the", "their", "them", "these", "they", "this", "those", "to", "us", "want",
    "wanted", "wants", "was", "we", "were", "which", "will", "wish", "with", "would", "you",
    "your",
];

/// Distinct word sets in one LSH bucket above which the bucket is skipped (module docs).
pub const BUCKET_CAP: usize = 200;

/// MinHash values per signature (rows × bands stays at most this). More would raise the
/// recall above the threshold a little at a proportional cost; 32 already gives 0.995 at
/// the threshold itself.
const MAX_HASHES: usize = 32;

/// Probability with which a pair exactly at the threshold must become a candidate.
const TARGET_RECALL: f64 = 0.995;

/// Seed of the MinHash functions: fixed, so runs are reproducible.
const SEED: u64 = 0x6261_636b_6c69_6e74; // "backlint"

/// Words of a story for comparison, each as its 64-bit hash (module docs): lower case,
/// punctuation dropped (apostrophes join: "user's" → "users", "don't" → "dont"), words
/// split at everything that is not a letter or digit ("PDF-export" → "pdf", "export"), and
/// [`TEMPLATE_WORDS`] removed.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut hashes = Vec::new();
    for_each_word(text, |hash| hashes.push(hash));
    hashes
}

/// The hashes of [`TEMPLATE_WORDS`], sorted: a word is recognised by its hash, which is
/// computed anyway (a collision would drop a word, as unlikely as in the module docs).
static TEMPLATE_HASHES: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut hashes: Vec<u64> = TEMPLATE_WORDS.iter().map(|word| hash_str(word)).collect();
    hashes.sort_unstable();
    hashes
});

/// Calls `each` with the hashes of the words of `text` as [`word_hashes`] describes them,
/// in order. A word's hash ([`hash_str`] of the word in lower case) is computed as its
/// characters are read, so the word itself is never written out.
fn for_each_word(text: &str, mut each: impl FnMut(u64)) {
    let mut word = WordHash::default();
    let mut end_word = |word: &mut WordHash| {
        if let Some(hash) = word.finish() {
            if TEMPLATE_HASHES.binary_search(&hash).is_err() {
                each(hash);
            }
        }
        *word = WordHash::default();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.add_byte(c.to_ascii_lowercase() as u8);
        } else if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                word.add_char(lower);
            }
        } else if matches!(c, '\'' | '’') && !word.is_empty() {
            // inside a word: drop the apostrophe, keep the word together
        } else {
            end_word(&mut word);
        }
    }
    end_word(&mut word);
}

/// [`hash_str`] of a word fed a character at a time.
struct WordHash {
    fnv: u64,
    len: usize,
}

impl Default for WordHash {
    fn default() -> Self {
        WordHash {
            fnv: FNV_OFFSET,
            len: 0,
        }
    }
}

impl WordHash {
    fn add_byte(&mut self, byte: u8) {
        self.fnv = fnv_step(self.fnv, byte);
        self.len += 1;
    }

    fn add_char(&mut self, c: char) {
        for &byte in c.encode_utf8(&mut [0; 4]).as_bytes() {
            self.add_byte(byte);
        }
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The word's hash; `None` for no word.
    fn finish(&self) -> Option<u64> {
        (!self.is_empty()).then(|| splitmix(self.fnv))
    }
}

/// Stories that are the same after normalising: groups of indices into `docs` (each the
/// story's [`word_hashes`]), each group sorted, groups ordered by their first index, only
/// groups of two or more. Empty stories are left out.
pub(crate) fn exact_groups(docs: &[Vec<u64>]) -> Vec<Vec<usize>> {
    let keys: Vec<u64> = docs.par_iter().map(|doc| sequence_key(doc)).collect();
    let (group_of, groups) =
        group_by_key(&keys, |i| !docs[i].is_empty(), |a, b| docs[a] == docs[b]);
    let mut sizes = vec![0u32; groups];
    for &group in group_of.iter().filter(|&&g| g != NONE) {
        sizes[group as usize] += 1;
    }
    // Groups are numbered in order of their first story, so this keeps that order.
    let mut slot = vec![NONE; groups];
    let mut shared: Vec<Vec<usize>> = Vec::new();
    for (i, &group) in group_of.iter().enumerate() {
        let Some(&size) = sizes.get(group as usize).filter(|&&size| size >= 2) else {
            continue;
        };
        let index = &mut slot[group as usize];
        if *index == NONE {
            *index = shared.len() as u32;
            shared.push(Vec::with_capacity(size as usize));
        }
        shared[*index as usize].push(i);
    }
    shared
}

/// A hash of a sequence of word hashes.
fn sequence_key(words: &[u64]) -> u64 {
    words.iter().fold(SEED, |key, &word| splitmix(key ^ word))
}

/// No group: a story left out.
const NONE: u32 = u32::MAX;

/// Groups the items `0..keys.len()` for which `include` holds into classes of `same`, given
/// a hash `keys[i]` of each that equal items share: per item its group ([`NONE`] if left
/// out), groups numbered in order of their first item; and the number of groups. A map
/// from key to group and a chain per group of the other groups with the same key keep
/// this to a few bytes per item (it runs on every story of the backlog).
fn group_by_key(
    keys: &[u64],
    include: impl Fn(usize) -> bool,
    same: impl Fn(usize, usize) -> bool,
) -> (Vec<u32>, usize) {
    let mut first_group: QuickMap<u64, u32> = QuickMap::default();
    first_group.reserve(keys.len());
    // Per group: its first item, and the next group with the same key.
    let mut first_item: Vec<u32> = Vec::new();
    let mut next_same_key: Vec<u32> = Vec::new();
    let mut group_of = vec![NONE; keys.len()];
    for (i, &key) in keys.iter().enumerate() {
        if !include(i) {
            continue;
        }
        let new = first_item.len() as u32;
        let mut group = *first_group.entry(key).or_insert(new);
        if group != new {
            loop {
                if same(first_item[group as usize] as usize, i) {
                    break;
                }
                match next_same_key[group as usize] {
                    NONE => {
                        next_same_key[group as usize] = new;
                        group = new;
                        break;
                    }
                    next => group = next,
                }
            }
        }
        if group == new {
            first_item.push(i as u32);
            next_same_key.push(NONE);
        }
        group_of[i] = group;
    }
    (group_of, first_item.len())
}

/// Pairs `(i, j, similarity)` with `i < j` whose word sets (`docs` holds each story's
/// [`word_hashes`]) have a Jaccard similarity of at least `threshold` (less a 10⁻¹²
/// allowance for rounding), found with MinHash and LSH banding (module docs), verified
/// exactly, sorted by `(i, j)`. Pairs of exact duplicates (see [`exact_groups`]) and empty
/// stories are left out; each member of an exact group is still paired with the group's
/// near duplicates. A threshold outside `(0, 1]` (or NaN) gives no pairs.
pub(crate) fn near_duplicates(docs: &[Vec<u64>], threshold: f64) -> Vec<(usize, usize, f64)> {
    if !(threshold > 0.0 && threshold <= 1.0) {
        return Vec::new();
    }
    let sets = WordSets::new(docs);
    let verified = sets.similar_pairs(threshold);
    let mut pairs = Vec::new();
    for (a, b, similarity) in verified {
        for &i in sets.members(a) {
            for &j in sets.members(b) {
                pairs.push((i.min(j) as usize, i.max(j) as usize, similarity));
            }
        }
    }
    // Same word set, different order: similarity 1.0 but not an exact duplicate.
    for members in (0..sets.len())
        .map(|s| sets.members(s))
        .filter(|m| m.len() >= 2)
    {
        let mut sorted: Vec<usize> = members.iter().map(|&i| i as usize).collect();
        sorted.sort_by(|&a, &b| docs[a].cmp(&docs[b]).then(a.cmp(&b)));
        let runs: Vec<&[usize]> = sorted.chunk_by(|&a, &b| docs[a] == docs[b]).collect();
        for (k, first) in runs.iter().enumerate() {
            for second in runs.get(k + 1..).unwrap_or_default() {
                for &i in *first {
                    for &j in *second {
                        pairs.push((i.min(j), i.max(j), 1.0));
                    }
                }
            }
        }
    }
    // Every (i, j) occurs once (distinct sets have disjoint members), so an unstable sort
    // gives one order.
    pairs.par_sort_unstable_by_key(|&(i, j, _)| (i, j));
    pairs
}

/// The distinct word sets of the stories.
struct WordSets {
    /// Every story's words, sorted and unique, one story after another: story `i`'s are
    /// `words[starts[i]..starts[i] + lens[i]]` (each story keeps the room its repeated
    /// words took before they were removed).
    words: Vec<u64>,
    starts: Vec<usize>,
    lens: Vec<u32>,
    /// Per distinct set: the first story that has it, whose words are the set's.
    first: Vec<u32>,
    /// Per distinct set `s`, the stories that have it, ascending:
    /// `members[member_starts[s]..member_starts[s + 1]]`.
    members: Vec<u32>,
    member_starts: Vec<usize>,
}

impl WordSets {
    fn new(docs: &[Vec<u64>]) -> WordSets {
        // All stories' words in one list, each story's sorted and deduplicated in place
        // (most of the work here, and independent per story).
        let mut starts = Vec::with_capacity(docs.len());
        let mut words = Vec::with_capacity(docs.iter().map(Vec::len).sum());
        for doc in docs {
            starts.push(words.len());
            words.extend_from_slice(doc);
        }
        let mut pieces: Vec<&mut [u64]> = Vec::with_capacity(docs.len());
        let mut rest = words.as_mut_slice();
        for doc in docs {
            let (piece, after) = rest.split_at_mut(doc.len());
            pieces.push(piece);
            rest = after;
        }
        let lens: Vec<u32> = pieces
            .into_par_iter()
            .map(|piece| {
                piece.sort_unstable();
                let mut len = 0;
                for k in 0..piece.len() {
                    if k == 0 || piece[k] != piece[len - 1] {
                        piece[len] = piece[k];
                        len += 1;
                    }
                }
                len as u32
            })
            .collect();
        let story = |i: usize| &words[starts[i]..starts[i] + lens[i] as usize];
        let keys: Vec<u64> = (0..docs.len()).map(|i| sequence_key(story(i))).collect();
        let (set_of, sets) = group_by_key(&keys, |i| lens[i] > 0, |a, b| story(a) == story(b));
        drop(keys);
        // The members of each set, counted and then placed.
        let mut member_starts = vec![0usize; sets + 1];
        for &set in set_of.iter().filter(|&&s| s != NONE) {
            member_starts[set as usize + 1] += 1;
        }
        for s in 0..sets {
            member_starts[s + 1] += member_starts[s];
        }
        let mut members = vec![0u32; member_starts[sets]];
        let mut placed = member_starts.clone();
        let mut first = vec![NONE; sets];
        for (i, &set) in set_of.iter().enumerate().filter(|(_, &s)| s != NONE) {
            let set = set as usize;
            if first[set] == NONE {
                first[set] = i as u32;
            }
            members[placed[set]] = i as u32;
            placed[set] += 1;
        }
        WordSets {
            words,
            starts,
            lens,
            first,
            members,
            member_starts,
        }
    }

    /// The number of distinct sets.
    fn len(&self) -> usize {
        self.first.len()
    }

    /// The words of distinct set `s`, sorted and unique (empty for an `s` out of range).
    fn set(&self, s: usize) -> &[u64] {
        let Some(&story) = self.first.get(s) else {
            return &[];
        };
        let start = self.starts[story as usize];
        &self.words[start..start + self.lens[story as usize] as usize]
    }

    /// The stories whose word set is distinct set `s`.
    fn members(&self, s: usize) -> &[u32] {
        match self.member_starts.get(s..s + 2) {
            Some(&[start, end]) => &self.members[start..end],
            _ => &[],
        }
    }

    /// Pairs of distinct sets `(a, b, similarity)`, `a < b`, that share an LSH bucket and
    /// are at least at `threshold` (less 10⁻¹²), each once, in no particular order.
    fn similar_pairs(&self, threshold: f64) -> Vec<(usize, usize, f64)> {
        let sets = self.len();
        let (rows, bands) = banding(threshold);
        let functions: Vec<(u64, u64)> = (0..rows * bands)
            .map(|k| {
                let k = k as u64;
                (splitmix(SEED ^ (2 * k)) | 1, splitmix(SEED ^ (2 * k + 1)))
            })
            .collect();
        let longest = self.lens.iter().max().map(|&len| len as usize);
        let fewest = fewest_common(threshold, 2 * longest.unwrap_or(0));
        let fewest = fewest.as_slice();
        // Per set, per band: the band's MinHash values hashed together, the bucket key.
        let mut keys = vec![0u64; sets * bands];
        keys.par_chunks_mut(bands)
            .enumerate()
            .for_each(|(s, keys)| {
                let mut signature = [u64::MAX; MAX_HASHES];
                for &x in self.set(s) {
                    for (min, &(a, b)) in signature.iter_mut().zip(&functions) {
                        *min = (*min).min(a.wrapping_mul(x).wrapping_add(b));
                    }
                }
                for (key, values) in keys.iter_mut().zip(signature.chunks(rows)) {
                    *key = values.iter().fold(SEED, |key, &v| splitmix(key ^ v));
                }
            });
        let key = |s: usize, band: usize| keys.get(s * bands + band).copied();
        // Band by band (one band's buckets in memory at a time): the sets sorted by key,
        // which brings each bucket together; the buckets that are used (two sets or more,
        // at most BUCKET_CAP) mark, per set, the bands in which its bucket is used (bits:
        // bands ≤ MAX_HASHES = 32). A pair may share used buckets in several bands; it is
        // kept from the first of them only, so no list of candidates needs sorting or
        // deduping. Few candidates pass the verification, so that is checked first.
        let mut used = vec![0u32; sets];
        let mut pairs = Vec::new();
        for band in 0..bands {
            let mut sorted: Vec<(u64, usize)> = keys
                .iter()
                .skip(band)
                .step_by(bands)
                .copied()
                .zip(0..)
                .collect();
            sorted.par_sort_unstable();
            let buckets: Vec<&[(u64, usize)]> = sorted
                .chunk_by(|x, y| x.0 == y.0)
                .filter(|bucket| (2..=BUCKET_CAP).contains(&bucket.len()))
                .collect();
            for &(_, s) in buckets.iter().copied().flatten() {
                used[s] |= 1 << band;
            }
            let first_shared = |a: usize, b: usize| {
                (0..band).all(|earlier| {
                    used[a] & 1 << earlier == 0 || key(a, earlier) != key(b, earlier)
                })
            };
            pairs.par_extend(buckets.into_par_iter().flat_map_iter(|bucket| {
                // Sorted by set within the bucket, so each pair comes out as (a < b).
                bucket.iter().enumerate().flat_map(move |(k, &(_, a))| {
                    bucket
                        .get(k + 1..)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(move |&(_, b)| {
                            similar_enough(self.set(a), self.set(b), fewest)
                                .map(|similarity| (a, b, similarity))
                        })
                        .filter(move |&(a, b, _)| first_shared(a, b))
                })
            }));
        }
        pairs
    }
}

/// Rows per band and bands for a threshold (module docs, step 2).
fn banding(threshold: f64) -> (usize, usize) {
    for rows in (1..=8usize).rev() {
        let bands = MAX_HASHES / rows;
        let miss = (1.0 - threshold.powi(rows as i32)).powi(bands as i32);
        if 1.0 - miss >= TARGET_RECALL {
            return (rows, bands);
        }
    }
    (1, MAX_HASHES)
}

/// For each total size |A| + |B| of two non-empty sets, up to `max_total`: the fewest
/// common words with which their Jaccard similarity is at least `threshold` (less 10⁻¹²
/// for rounding), or `usize::MAX` if none. Computed once per run, so that checking a
/// candidate pair takes no division.
fn fewest_common(threshold: f64, max_total: usize) -> Vec<usize> {
    (0..=max_total)
        .map(|total| {
            let passes =
                |common: usize| common as f64 / (total - common) as f64 + 1e-12 >= threshold;
            // Below `total` the similarity grows with the common words, so step from an
            // estimate (c / (total − c) ≥ t) to the exact boundary.
            let mut least = ((threshold * total as f64 / (1.0 + threshold)) as usize)
                .min(total.saturating_sub(1));
            while least > 0 && passes(least - 1) {
                least -= 1;
            }
            while least < total && !passes(least) {
                least += 1;
            }
            if least < total {
                least
            } else {
                usize::MAX
            }
        })
        .collect()
}

/// The Jaccard similarity of two non-empty, sorted, unique lists of word hashes if they
/// have at least the common words `fewest` (from [`fewest_common`]) asks for their total
/// size, else `None`. Most candidate pairs are far below the threshold, so the merge stops
/// as soon as the words left cannot bring the common words up to that number.
fn similar_enough(a: &[u64], b: &[u64], fewest: &[usize]) -> Option<f64> {
    let total = a.len() + b.len();
    let least = *fewest.get(total)?;
    if least > a.len().min(b.len()) {
        return None;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
                continue;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
        if common + (a.len() - i).min(b.len() - j) < least {
            return None;
        }
    }
    (common >= least).then(|| common as f64 / (total - common) as f64)
}

/// A small multiply-rotate hasher (as in rustc's `FxHasher`) for the maps keyed by 64-bit
/// hashes of stories and word sets, which are already well mixed; SipHash would dominate
/// the run time.
#[derive(Default)]
struct QuickHasher(u64);

impl Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, value: usize) {
        self.write_u64(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type QuickMap<K, V> = HashMap<K, V, BuildHasherDefault<QuickHasher>>;

/// FNV-1a over the bytes, finished with [`splitmix`].
fn hash_str(word: &str) -> u64 {
    splitmix(word.bytes().fold(FNV_OFFSET, fnv_step))
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One byte of 64-bit FNV-1a.
fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
}

/// The SplitMix64 finaliser: a fast, well-mixing bijection on 64-bit values.
fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(texts: &[&str]) -> Vec<Vec<u64>> {
        texts.iter().map(|t| word_hashes(t)).collect()
    }

    /// A story of the given (already normalised) words.
    fn hashed(words: &[&str]) -> Vec<u64> {
        words.iter().map(|word| hash_str(word)).collect()
    }

    #[test]
    fn normalise_drops_case_punctuation_and_template_words() {
        assert_eq!(
            word_hashes("As a user, I want to export invoices."),
            hashed(&["user", "export", "invoices"])
        );
        assert_eq!(
            word_hashes("as an user i want export invoices"),
            hashed(&["user", "export", "invoices"])
        );
        assert_eq!(
            word_hashes(
                "In order to pay, I'd like the user's PDF-export (v2) — so that we can file it!"
            ),
            hashed(&["pay", "id", "users", "pdf", "export", "v2", "file"])
        );
        assert_eq!(
            word_hashes("Als Kundin möchte ich ÜBER-Straße 🚀 sehen"),
            hashed(&["als", "kundin", "möchte", "ich", "über", "straße", "sehen"])
        );
        // "İ" lower-cases to "i" and a combining dot, part of the word.
        assert_eq!(word_hashes("İndex"), hashed(&["i\u{307}ndex"]));
        assert!(word_hashes("").is_empty());
        assert!(word_hashes("As a, I want to… so that!").is_empty());
        assert!(word_hashes("🎉 — ’ ' ").is_empty());
    }

    #[test]
    fn word_hashes_hash_the_normalised_words() {
        let text = "In order to pay, I'd like the user's PDF-export (v2)";
        assert_eq!(
            word_hashes(text),
            hashed(&["pay", "id", "users", "pdf", "export", "v2"])
        );
        let distinct: std::collections::HashSet<u64> = word_hashes("pay id users pdf export v2")
            .into_iter()
            .collect();
        assert_eq!(distinct.len(), 6);
    }

    #[test]
    fn template_words_are_sorted_and_lower_case() {
        assert!(TEMPLATE_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(TEMPLATE_WORDS.iter().all(|w| w.to_lowercase() == *w));
    }

    #[test]
    fn exact_groups_ignore_case_punctuation_and_template() {
        let docs = docs(&[
            "As a user, I want to export invoices.",
            "As a manager I want to see team velocity",
            "as an user i want export invoices",
            "",
            "As a user I want to EXPORT invoices!!",
            "As a manager, I want to see the team velocity.",
            "Export invoices as user",
            "As a, I want to",
        ]);
        assert_eq!(exact_groups(&docs), vec![vec![0, 2, 4], vec![1, 5]]);
        assert!(exact_groups(&[]).is_empty());
        assert!(exact_groups(&[vec![], vec![]]).is_empty());
    }

    #[test]
    fn near_duplicates_at_point_eight() {
        let docs = docs(&[
            // user export invoices pdf archive
            "As a user I want to export my invoices as PDF so that I can archive them",
            // customer filter orders date
            "As a customer I want to filter orders by date",
            // user export invoices pdf file archive
            "As a user, I want to export the invoices as a PDF file, so that I can archive them.",
            // manager see team velocity
            "As a manager I want to see team velocity",
            // customer filter orders date status
            "As a customer, I want to filter my orders by date and status",
            // exact duplicate of 0: not a near duplicate
            "as a user i want to export my invoices as pdf so that i can archive them",
        ]);
        let pairs = near_duplicates(&docs, 0.8);
        assert_eq!(
            pairs,
            vec![(0, 2, 5.0 / 6.0), (1, 4, 4.0 / 5.0), (2, 5, 5.0 / 6.0),]
        );
        // Higher threshold: only the 5/6 pairs remain.
        assert_eq!(
            near_duplicates(&docs, 0.83),
            vec![(0, 2, 5.0 / 6.0), (2, 5, 5.0 / 6.0)]
        );
        assert!(near_duplicates(&docs, 0.9).is_empty());
    }

    #[test]
    fn same_words_in_another_order_pair_at_one() {
        let docs = docs(&[
            "filter orders by date",
            "date orders filter",
            "Filter orders by date.",
            "orders: filter by date",
        ]);
        assert_eq!(exact_groups(&docs), vec![vec![0, 2]]);
        assert_eq!(
            near_duplicates(&docs, 1.0),
            vec![
                (0, 1, 1.0),
                (0, 3, 1.0),
                (1, 2, 1.0),
                (1, 3, 1.0),
                (2, 3, 1.0)
            ]
        );
    }

    #[test]
    fn unrelated_stories_are_never_paired() {
        let docs = docs(&[
            "As a user I want to export invoices as PDF",
            "As an admin I want to lock inactive accounts",
            "As a manager I want to see team velocity per sprint",
            "As a customer I want to pay with a saved card",
            "As a visitor I want to read the privacy policy",
            "As a developer I want structured logs in JSON",
        ]);
        assert!(near_duplicates(&docs, 0.8).is_empty());
        assert!(near_duplicates(&docs, 0.5).is_empty());
        assert!(exact_groups(&docs).is_empty());
    }

    #[test]
    fn empty_and_one_word_docs() {
        let docs: Vec<Vec<u64>> = vec![
            vec![],
            hashed(&["login"]),
            hashed(&["login"]),
            hashed(&["login", "page"]),
            vec![],
            hashed(&["🚀"]),
        ];
        assert_eq!(exact_groups(&docs), vec![vec![1, 2]]);
        assert_eq!(near_duplicates(&docs, 0.5), vec![(1, 3, 0.5), (2, 3, 0.5)]);
        assert!(near_duplicates(&docs, 0.6).is_empty());
        assert!(near_duplicates(&[], 0.8).is_empty());
        assert!(near_duplicates(&[vec![], vec![]], 0.8).is_empty());
        for threshold in [0.0, -1.0, 1.5, f64::NAN, f64::INFINITY] {
            assert!(near_duplicates(&docs, threshold).is_empty(), "{threshold}");
        }
        // A tiny positive threshold pairs everything that shares a word.
        assert_eq!(near_duplicates(&docs, 1e-9), vec![(1, 3, 0.5), (2, 3, 0.5)]);
    }

    #[test]
    fn banding_meets_the_recall_target() {
        assert_eq!(banding(0.8), (3, 10));
        assert_eq!(banding(0.9), (5, 6));
        assert_eq!(banding(0.05), (1, 32));
        for t in [0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0] {
            let (rows, bands) = banding(t);
            assert!(rows * bands <= MAX_HASHES);
            let recall = 1.0 - (1.0 - f64::powi(t, rows as i32)).powi(bands as i32);
            assert!(
                recall >= TARGET_RECALL || rows == 1,
                "{t}: {rows} x {bands}"
            );
        }
    }

    #[test]
    fn similar_enough_agrees_with_the_plain_jaccard() {
        fn plain(a: &[u64], b: &[u64]) -> f64 {
            let common = a.iter().filter(|x| b.contains(x)).count();
            common as f64 / (a.len() + b.len() - common) as f64
        }
        let mut next = rng(0x5eed);
        for _ in 0..20_000 {
            // Small vocabularies, so that sets overlap at every degree.
            let mut set = |len: u64| {
                let mut set: Vec<u64> = (0..1 + next() % len).map(|_| next() % 12).collect();
                set.sort_unstable();
                set.dedup();
                set
            };
            let (a, b) = (set(10), set(14));
            let exact = plain(&a, &b);
            for threshold in [exact, 0.05, 0.3, 0.5, 0.75, 0.8, 0.85, 0.9, 1.0] {
                let expected = (exact + 1e-12 >= threshold).then_some(exact);
                let fewest = fewest_common(threshold, a.len() + b.len());
                assert_eq!(similar_enough(&a, &b, &fewest), expected, "{a:?} {b:?}");
            }
        }
    }

    /// A small xorshift generator so the synthetic backlog is the same on every run.
    fn rng(seed: u64) -> impl FnMut() -> u64 {
        let mut state = seed;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    #[test]
    fn finds_planted_pairs_among_twenty_thousand_stories() {
        const SYLLABLES: [&str; 20] = [
            "ka", "lo", "mi", "ter", "san", "po", "vi", "ra", "ne", "du", "gor", "bel", "fi",
            "tum", "sa", "rek", "ol", "pin", "wu", "zed",
        ];
        let word = |k: u64| -> String {
            let k = k as usize;
            [k % 20, k / 20 % 20, k / 400 % 20]
                .iter()
                .map(|&i| SYLLABLES[i])
                .collect()
        };
        let roles = ["user", "admin", "manager", "customer", "clerk", "auditor"];
        let mut next = rng(0x00c0_ffee);
        let mut stories: Vec<String> = Vec::with_capacity(20_000);
        let mut planted = Vec::new();
        for i in 0..20_000 {
            if i % 400 == 399 {
                // A near copy of the story before: one word more, or the words reordered.
                let previous = stories.last().cloned().unwrap_or_default();
                if i % 800 == 399 {
                    stories.push(format!("{previous} {}", word(next() % 8000)));
                } else {
                    let mut words: Vec<&str> = previous.split(' ').collect();
                    words.reverse();
                    stories.push(words.join(" "));
                }
                planted.push((i - 1, i));
                continue;
            }
            let role = roles[(next() % roles.len() as u64) as usize];
            let len = 6 + next() % 8;
            let goal: Vec<String> = (0..len).map(|_| word(next() % 8000)).collect();
            stories.push(format!("As a {role}, I want to {}.", goal.join(" ")));
        }
        let t = std::time::Instant::now();
        let docs: Vec<Vec<u64>> = stories.iter().map(|s| word_hashes(s)).collect();
        eprintln!("word_hashes {:?}", t.elapsed());
        let t = std::time::Instant::now();
        let pairs = near_duplicates(&docs, 0.8);
        eprintln!("near {:?}", t.elapsed());
        let found: Vec<(usize, usize)> = pairs.iter().map(|&(i, j, _)| (i, j)).collect();
        assert_eq!(found, planted);
        for &(i, j, similarity) in &pairs {
            let a: std::collections::BTreeSet<u64> = word_hashes(&stories[i]).into_iter().collect();
            let b: std::collections::BTreeSet<u64> = word_hashes(&stories[j]).into_iter().collect();
            let exact = a.intersection(&b).count() as f64 / a.union(&b).count() as f64;
            assert_eq!(similarity, exact);
            assert!(similarity >= 0.8);
        }
        assert!(exact_groups(&docs).is_empty());
    }

    #[test]
    fn crowded_buckets_are_skipped() {
        // 400 stories sharing nine words, each with one word of its own: every pair is at
        // 9/11, but the shared bucket of each band is over the cap, so few pairs are found
        // and the work stays bounded.
        let core: Vec<u64> = (0..9).map(|k| hash_str(&format!("core{k}"))).collect();
        let docs: Vec<Vec<u64>> = (0..400)
            .map(|i| {
                let mut doc = core.clone();
                doc.push(hash_str(&format!("own{i}")));
                doc
            })
            .collect();
        let pairs = near_duplicates(&docs, 0.8);
        assert!(pairs.len() < 400 * 399 / 2 / 10, "{}", pairs.len());
        assert!(pairs
            .iter()
            .all(|&(i, j, s)| i < j && (s - 9.0 / 11.0).abs() < 1e-12));
        // Below the cap, the same shape is found in full.
        let pairs = near_duplicates(&docs[..50], 0.8);
        assert_eq!(pairs.len(), 50 * 49 / 2);
    }

    #[test]
    fn results_are_deterministic() {
        let docs = docs(&[
            "export invoices as pdf file",
            "export the invoices as pdf",
            "pdf export of invoices",
            "invoices pdf export file",
        ]);
        let first = near_duplicates(&docs, 0.6);
        for _ in 0..5 {
            assert_eq!(near_duplicates(&docs, 0.6), first);
        }
    }
}
