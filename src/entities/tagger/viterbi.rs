//! Viterbi decoding under BIO constraints (an `I-X` only after `B-X` or `I-X`),
//! over all tokens or only the candidates of a mask.

use super::*;

/// Best label sequence under BIO constraints.
pub fn viterbi(emit: &[[f32; NL]], trans: &[[f32; NL]; NL + 1]) -> Vec<usize> {
    viterbi_masked(emit, None, &allowed_transitions(trans))
}

/// `trans` with minus infinity for the transitions [`allowed`] forbids.
pub(super) fn allowed_transitions(trans: &[[f32; NL]; NL + 1]) -> [[f32; NL]; NL + 1] {
    let mut out = *trans;
    for (p, row) in out.iter_mut().enumerate() {
        for (y, v) in row.iter_mut().enumerate() {
            if !allowed((p < NL).then_some(p), y) {
                *v = f32::NEG_INFINITY;
            }
        }
    }
    out
}

/// Best label sequence, with transitions from [`allowed_transitions`] (a sum with a
/// forbidden transition is minus infinity, which never beats the best so far). When
/// `mask` is given, the tokens outside it may only be `O`, so only `O` is scored there.
pub(super) fn viterbi_masked(
    emit: &[[f32; NL]],
    mask: Option<&[bool]>,
    trans: &[[f32; NL]; NL + 1],
) -> Vec<usize> {
    let n = emit.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; NL]; n];
    let mut back = vec![[0u8; NL]; n];
    for y in 0..NL {
        score[0][y] = trans[NL][y] + emit[0][y];
    }
    for i in 1..n {
        let labels = if mask.is_none_or(|m| m[i]) { NL } else { 1 };
        let prev = score[i - 1];
        for y in 0..labels {
            let mut best = (f32::NEG_INFINITY, 0usize);
            for (p, s) in prev.iter().enumerate() {
                let s = s + trans[p][y];
                if s > best.0 {
                    best = (s, p);
                }
            }
            score[i][y] = best.0 + emit[i][y];
            back[i][y] = best.1 as u8;
        }
    }
    let last = &score[n - 1];
    let mut y = (0..NL).fold(0, |b, k| if last[k] > last[b] { k } else { b });
    let mut out = vec![0usize; n];
    for i in (0..n).rev() {
        out[i] = y;
        y = back[i][y] as usize;
    }
    out
}
