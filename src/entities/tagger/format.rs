//! The model file: a gzip-compressed little-endian dump of the weights and the
//! lexicon, entries sorted so that the same model always gives the same bytes.

use super::*;

impl Model {
    /// The model file: gzip over a little-endian dump, entries sorted, so the same
    /// model always gives the same bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        put_u32(&mut raw, NL as u32);
        for l in LABELS {
            put_str(&mut raw, l);
        }
        for row in &self.trans {
            for v in row {
                raw.extend_from_slice(&v.to_le_bytes());
            }
        }
        let mut words: Vec<(&String, &WordInfo)> = self.lexicon.words.iter().collect();
        words.sort_by(|a, b| a.0.cmp(b.0));
        put_u32(&mut raw, words.len() as u32);
        for (w, info) in words {
            put_str(&mut raw, w);
            for c in info.clusters {
                raw.extend_from_slice(&c.to_le_bytes());
            }
            raw.push(info.cap_class);
        }
        let mut names: Vec<(&u64, &u8)> = self.names.names.iter().collect();
        names.sort();
        put_u32(&mut raw, names.len() as u32);
        for (k, bits) in names {
            raw.extend_from_slice(&k.to_le_bytes());
            raw.push(*bits);
        }
        let mut keys: Vec<&u64> = self.weights.keys().collect();
        keys.sort();
        put_u32(&mut raw, keys.len() as u32);
        for k in keys {
            raw.extend_from_slice(&k.to_le_bytes());
            for v in &self.weights[k] {
                raw.extend_from_slice(&v.to_le_bytes());
            }
        }
        let mut gz = flate2::GzBuilder::new()
            .mtime(0)
            .write(Vec::new(), flate2::Compression::best());
        gz.write_all(&raw)?;
        Ok(gz.finish()?)
    }

    /// Reads a model file written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        // The gzip trailer gives the size of the dump (mod 2^32): read it in one go.
        let size = bytes
            .len()
            .checked_sub(4)
            .map(|at| u32::from_le_bytes(bytes[at..].try_into().unwrap_or_default()));
        let mut raw = Vec::with_capacity(size.unwrap_or(0).min(1 << 30) as usize);
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .context("model file is not gzip")?;
        let mut r = Reader { buf: &raw, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            bail!("not a warta NER model");
        }
        let nl = r.u32()? as usize;
        let labels: Vec<String> = (0..nl).map(|_| r.string()).collect::<Result<_>>()?;
        if labels != LABELS {
            bail!("model labels {labels:?} differ from {LABELS:?}");
        }
        let mut model = Model::default();
        for row in model.trans.iter_mut() {
            for v in row.iter_mut() {
                *v = r.f32()?;
            }
        }
        let nw = r.u32()? as usize;
        model.lexicon.words.reserve(nw.min(raw.len()));
        for _ in 0..nw {
            let w = r.string()?;
            let mut clusters = [0u16; CLUSTER_LEVELS];
            for c in clusters.iter_mut() {
                *c = r.u16()?;
            }
            let cap_class = r.take(1)?[0];
            model.lexicon.words.insert(
                w,
                WordInfo {
                    clusters,
                    cap_class,
                },
            );
        }
        let nn = r.u32()? as usize;
        model.names.names.reserve(nn.min(raw.len()));
        for _ in 0..nn {
            let k = r.u64()?;
            let bits = r.take(1)?[0];
            model.names.names.insert(k, bits);
        }
        let nf = r.u32()? as usize;
        model.weights.reserve(nf);
        for _ in 0..nf {
            let k = r.u64()?;
            let mut w = [0f32; NL];
            for v in w.iter_mut() {
                *v = r.f32()?;
            }
            model.weights.insert(k, w);
        }
        if r.pos != raw.len() {
            bail!("model file has {} trailing bytes", raw.len() - r.pos);
        }
        Ok(model)
    }
}

const MAGIC: &[u8; 8] = b"WNER\x03\0\0\0";

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|e| *e <= self.buf.len())
            .context("model file is truncated")?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into()?))
    }
    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into()?))
    }
    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into()?))
    }
    fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into()?))
    }
    fn string(&mut self) -> Result<String> {
        let n = self.u32()? as usize;
        Ok(std::str::from_utf8(self.take(n)?)
            .context("model file has a bad string")?
            .to_string())
    }
}
