//! `bench/benchmarks.svg`: the report's figures as a chart.

use super::GROWTH_SIZES;
use super::format::{micros, thousands};
use super::report::Report;
use std::fmt::Write as _;

impl Report {
    pub(super) fn svg(&self) -> Result<String, String> {
        struct Bar {
            label: String,
            value: f64,
            text: String,
            color: &'static str,
        }
        const OURS: &str = "#2b6cb0";
        const SDK: &str = "#c05621";
        const SERDE: &str = "#718096";
        let mut calls = Vec::new();
        for (label, key, color) in [
            ("generated crate: call (serialize + parse)", "call.ours", OURS),
            ("aws-sdk-mpa 1.48: call (send)", "call.sdk", SDK),
            ("generated crate: parse only", "parse.ours", OURS),
            ("serde-derive: parse only", "parse.serde", SERDE),
            ("generated crate: serialize only", "serialize.ours", OURS),
        ] {
            let ns = self.f(&format!("{key}.median_ns"))?;
            calls.push(Bar { label: label.into(), value: ns / 1e3, text: micros(ns), color });
        }
        let mut throughput = Vec::new();
        for n in GROWTH_SIZES {
            let bytes = self.f(&format!("growth.{n}.bytes"))?;
            for (who, key, color) in [("generated crate", "ours", OURS), ("serde-derive", "serde", SERDE)] {
                let mbs = bytes / self.f(&format!("growth.{n}.{key}.median_ns"))? * 1e3;
                let noun = if n == 1 { "session" } else { "sessions" };
                throughput.push(Bar { label: format!("{} {noun}: {who}", thousands(n)), value: mbs, text: format!("{mbs:.0} MB/s"), color });
            }
        }
        let (width, label_w, bar_h, gap, title_h) = (820.0, 300.0, 20.0, 6.0, 46.0);
        let max_bar = width - label_w - 110.0;
        let mut y = 0.0;
        let mut body = String::new();
        for (title, bars) in [
            ("One ListSessions call, 20 sessions: median µs per call (shorter is better)", &calls),
            ("Parse throughput by page size: MB/s (longer is better)", &throughput),
        ] {
            y += title_h;
            let _ = writeln!(body, r#"<text x="10" y="{:.0}" font-size="15" font-weight="bold">{}</text>"#, y - 16.0, escape(title));
            let max = bars.iter().map(|b| b.value).fold(0.0, f64::max).max(f64::MIN_POSITIVE);
            for b in bars.iter() {
                let w = (b.value / max * max_bar).max(1.0);
                let _ = writeln!(
                    body,
                    r#"<text x="{:.0}" y="{:.1}" font-size="12" text-anchor="end">{}</text><rect x="{label_w:.0}" y="{y:.1}" width="{w:.1}" height="{bar_h:.0}" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="12">{}</text>"#,
                    label_w - 8.0,
                    y + 14.0,
                    escape(&b.label),
                    b.color,
                    label_w + w + 6.0,
                    y + 14.0,
                    escape(&b.text)
                );
                y += bar_h + gap;
            }
        }
        y += 24.0;
        let _ = writeln!(
            body,
            r##"<text x="10" y="{:.0}" font-size="11" fill="#4a5568">{}</text>"##,
            y - 8.0,
            escape(&format!("cargo xtask bench, {}, {} ({} cores), {}", self.machine.date, self.machine.cpu, self.machine.nproc, self.machine.rustc))
        );
        Ok(format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{y:.0}\" viewBox=\"0 0 {width:.0} {y:.0}\" font-family=\"sans-serif\">\n\
             <!-- Written by `cargo xtask bench` from the figures in BENCHMARKS.md. Do not edit by hand. -->\n\
             <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n{body}</svg>\n"
        ))
    }
}

pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
