//! CBOR against JSON on the same data: a page of 100 items shaped like a DynamoDB `Query`
//! page (strings, numbers, a timestamp, a nested map), written and read with the runtime's
//! JSON writer and reader, its CBOR encoder and decoder, and minicbor's (the low-level codec
//! aws-smithy-cbor builds on), each used the way generated code would use it.

use minicbor::data::{Tag, Type};
use smithy_rt::rt::cbor;
use smithy_rt::rt::json;
use smithy_rt::rt::json_write::Writer;
use std::borrow::Cow;
use std::collections::BTreeMap;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pk: String,
    sk: String,
    title: String,
    count: i64,
    price: f64,
    created: OffsetDateTime,
    active: bool,
    attributes: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    items: Vec<Item>,
    count: i32,
    scanned_count: i32,
    last_key: Option<String>,
}

/// A page of `n` items, every member set, timestamps to the millisecond.
pub fn page(n: usize) -> Page {
    let items = (0..n)
        .map(|i| Item {
            pk: format!("customer#{:06}", i / 10),
            sk: format!("order#2026-01-{:02}#{i:04}", i % 28 + 1),
            title: format!("Order {i} of the benchmark page, with a \"quoted\" word"),
            count: (i as i64 * 7919) % 100_000 - 500,
            price: i as f64 * 1.25 + 0.99,
            created: OffsetDateTime::from_unix_timestamp_nanos((1_767_225_600 + i as i128 * 3_601) * 1_000_000_000 + (i as i128 * 7 % 1000) * 1_000_000)
                .expect("in range"),
            active: i % 3 != 0,
            attributes: (0..3).map(|k| (format!("attr{k}"), format!("value {i}.{k}"))).collect(),
        })
        .collect();
    Page { items, count: n as i32, scanned_count: n as i32 * 2, last_key: Some("customer#000099".into()) }
}

pub fn write_json(page: &Page) -> Vec<u8> {
    let mut w = Writer::new();
    w.begin_object();
    w.key("Items");
    w.begin_array();
    for item in &page.items {
        w.begin_object();
        w.key("pk");
        w.string(&item.pk);
        w.key("sk");
        w.string(&item.sk);
        w.key("title");
        w.string(&item.title);
        w.key("count");
        w.i64(item.count);
        w.key("price");
        w.f64(item.price);
        w.key("created");
        w.timestamp_epoch_seconds(&item.created);
        w.key("active");
        w.bool(item.active);
        w.key("attributes");
        w.begin_object();
        for (k, v) in &item.attributes {
            w.key(k);
            w.string(v);
        }
        w.end_object();
        w.end_object();
    }
    w.end_array();
    w.key("Count");
    w.i64(page.count.into());
    w.key("ScannedCount");
    w.i64(page.scanned_count.into());
    if let Some(key) = &page.last_key {
        w.key("LastEvaluatedKey");
        w.string(key);
    }
    w.end_object();
    w.finish()
}

pub fn read_json(bytes: &[u8]) -> json::Result<Page> {
    let mut r = json::Reader::new(bytes);
    let mut page = Page::default();
    r.begin_object()?;
    while let Some(key) = r.next_key()? {
        match &*key {
            "Items" => {
                r.begin_array()?;
                while r.next_element()? {
                    page.items.push(read_json_item(&mut r)?);
                }
            }
            "Count" => page.count = r.i32()?,
            "ScannedCount" => page.scanned_count = r.i32()?,
            "LastEvaluatedKey" => page.last_key = Some(r.string()?.into_owned()),
            _ => r.skip_value()?,
        }
    }
    r.finish()?;
    Ok(page)
}

fn read_json_item(r: &mut json::Reader<'_>) -> json::Result<Item> {
    let (mut pk, mut sk, mut title, mut count, mut price, mut created, mut active, mut attributes) =
        (None, None, None, None, None, None, None, BTreeMap::new());
    r.begin_object()?;
    while let Some(key) = r.next_key()? {
        match &*key {
            "pk" => pk = Some(r.string()?.into_owned()),
            "sk" => sk = Some(r.string()?.into_owned()),
            "title" => title = Some(r.string()?.into_owned()),
            "count" => count = Some(r.i64()?),
            "price" => price = Some(r.f64()?),
            "created" => created = Some(r.timestamp_epoch_seconds()?),
            "active" => active = Some(r.bool()?),
            "attributes" => {
                r.begin_object()?;
                while let Some(k) = r.next_key()? {
                    let k = k.into_owned();
                    attributes.insert(k, r.string()?.into_owned());
                }
            }
            _ => r.skip_value()?,
        }
    }
    let missing = |what| json::JsonError::custom(r.offset(), format!("missing {what}"));
    Ok(Item {
        pk: pk.ok_or_else(|| missing("pk"))?,
        sk: sk.ok_or_else(|| missing("sk"))?,
        title: title.ok_or_else(|| missing("title"))?,
        count: count.ok_or_else(|| missing("count"))?,
        price: price.ok_or_else(|| missing("price"))?,
        created: created.ok_or_else(|| missing("created"))?,
        active: active.ok_or_else(|| missing("active"))?,
        attributes,
    })
}

pub fn write_cbor(page: &Page) -> Vec<u8> {
    let mut e = cbor::Encoder::with_capacity(256);
    e.map(3 + u64::from(page.last_key.is_some())).str("Items").array(page.items.len() as u64);
    for item in &page.items {
        e.map(8).str("pk").str(&item.pk).str("sk").str(&item.sk).str("title").str(&item.title);
        e.str("count").i64(item.count).str("price").f64(item.price).str("created").timestamp(&item.created);
        e.str("active").bool(item.active).str("attributes").map(item.attributes.len() as u64);
        for (k, v) in &item.attributes {
            e.str(k).str(v);
        }
    }
    e.str("Count").i64(page.count.into()).str("ScannedCount").i64(page.scanned_count.into());
    if let Some(key) = &page.last_key {
        e.str("LastEvaluatedKey").str(key);
    }
    e.into_bytes()
}

pub fn read_cbor(bytes: &[u8]) -> cbor::Result<Page> {
    let mut d = cbor::Decoder::new(bytes);
    let mut page = Page::default();
    d.begin_map()?;
    while let Some(key) = d.next_key()? {
        match &*key {
            "Items" => {
                d.begin_array()?;
                while d.has_next()? {
                    page.items.push(read_cbor_item(&mut d)?);
                }
            }
            "Count" => page.count = d.i32()?,
            "ScannedCount" => page.scanned_count = d.i32()?,
            "LastEvaluatedKey" => page.last_key = Some(d.str()?.into_owned()),
            _ => d.skip()?,
        }
    }
    d.finish()?;
    Ok(page)
}

fn read_cbor_item(d: &mut cbor::Decoder<'_>) -> cbor::Result<Item> {
    let (mut pk, mut sk, mut title, mut count, mut price, mut created, mut active, mut attributes) =
        (None, None, None, None, None, None, None, BTreeMap::new());
    d.begin_map()?;
    while let Some(key) = d.next_key()? {
        match &*key {
            "pk" => pk = Some(d.str()?.into_owned()),
            "sk" => sk = Some(d.str()?.into_owned()),
            "title" => title = Some(d.str()?.into_owned()),
            "count" => count = Some(d.i64()?),
            "price" => price = Some(d.f64()?),
            "created" => created = Some(d.timestamp()?),
            "active" => active = Some(d.bool()?),
            "attributes" => {
                d.begin_map()?;
                while let Some(k) = d.next_key()? {
                    let k = k.into_owned();
                    attributes.insert(k, d.str()?.into_owned());
                }
            }
            _ => d.skip()?,
        }
    }
    let missing = |what| cbor::CborError::custom(d.offset(), format!("missing {what}"));
    Ok(Item {
        pk: pk.ok_or_else(|| missing("pk"))?,
        sk: sk.ok_or_else(|| missing("sk"))?,
        title: title.ok_or_else(|| missing("title"))?,
        count: count.ok_or_else(|| missing("count"))?,
        price: price.ok_or_else(|| missing("price"))?,
        created: created.ok_or_else(|| missing("created"))?,
        active: active.ok_or_else(|| missing("active"))?,
        attributes,
    })
}

type McResult<T> = Result<T, String>;

fn mc<T, E: std::fmt::Display>(r: Result<T, E>) -> McResult<T> {
    r.map_err(|e| e.to_string())
}

pub fn write_minicbor(page: &Page) -> McResult<Vec<u8>> {
    let mut e = minicbor::Encoder::new(Vec::with_capacity(256));
    mc(encode_minicbor(&mut e, page))?;
    Ok(e.into_writer())
}

fn encode_minicbor(e: &mut minicbor::Encoder<Vec<u8>>, page: &Page) -> Result<(), minicbor::encode::Error<std::convert::Infallible>> {
    e.map(3 + u64::from(page.last_key.is_some()))?.str("Items")?.array(page.items.len() as u64)?;
    for item in &page.items {
        let seconds = item.created.unix_timestamp() as f64 + f64::from(item.created.nanosecond()) / 1e9;
        e.map(8)?.str("pk")?.str(&item.pk)?.str("sk")?.str(&item.sk)?.str("title")?.str(&item.title)?;
        e.str("count")?.i64(item.count)?.str("price")?.f64(item.price)?.str("created")?.tag(Tag::new(1))?.f64(seconds)?;
        e.str("active")?.bool(item.active)?.str("attributes")?.map(item.attributes.len() as u64)?;
        for (k, v) in &item.attributes {
            e.str(k)?.str(v)?;
        }
    }
    e.str("Count")?.i32(page.count)?.str("ScannedCount")?.i32(page.scanned_count)?;
    if let Some(key) = &page.last_key {
        e.str("LastEvaluatedKey")?.str(key)?;
    }
    Ok(())
}

/// Whether a map or array whose length `left` gives has another entry; consumes the break
/// of an indefinite one (what aws-smithy-cbor's generated readers do).
fn mc_next(d: &mut minicbor::Decoder<'_>, left: &mut Option<u64>) -> McResult<bool> {
    match left {
        Some(0) => Ok(false),
        Some(n) => {
            *n -= 1;
            Ok(true)
        }
        None if mc(d.datatype())? == Type::Break => {
            // The break is one byte, which minicbor's `skip` refuses to step over.
            d.set_position(d.position() + 1);
            Ok(false)
        }
        None => Ok(true),
    }
}

/// A text string, definite or in chunks.
fn mc_str<'b>(d: &mut minicbor::Decoder<'b>) -> McResult<Cow<'b, str>> {
    if mc(d.datatype())? == Type::StringIndef {
        let mut text = String::new();
        for chunk in mc(d.str_iter())? {
            text.push_str(mc(chunk)?);
        }
        return Ok(Cow::Owned(text));
    }
    mc(d.str()).map(Cow::Borrowed)
}

fn mc_timestamp(d: &mut minicbor::Decoder<'_>) -> McResult<OffsetDateTime> {
    if mc(d.tag())? != Tag::new(1) {
        return Err("expected tag 1".into());
    }
    let seconds = match mc(d.datatype())? {
        Type::F16 | Type::F32 | Type::F64 => mc(d.f64())?,
        _ => mc(d.i64())? as f64,
    };
    // The same rounding as the runtime's decoder, so that both read the same instant.
    let unit: i128 = if seconds.abs() < 4_294_967_296.0 { 1_000 } else { 1_000_000 };
    let units = (seconds * (1e9 / unit as f64)).round();
    if !units.is_finite() || units.abs() > 1e20 {
        return Err("timestamp out of range".into());
    }
    mc(OffsetDateTime::from_unix_timestamp_nanos(units as i128 * unit))
}

pub fn read_minicbor(bytes: &[u8]) -> McResult<Page> {
    let mut d = minicbor::Decoder::new(bytes);
    let mut page = Page::default();
    let mut left = mc(d.map())?;
    while mc_next(&mut d, &mut left)? {
        match &*mc_str(&mut d)? {
            "Items" => {
                let mut items = mc(d.array())?;
                while mc_next(&mut d, &mut items)? {
                    page.items.push(read_minicbor_item(&mut d)?);
                }
            }
            "Count" => page.count = mc(d.i32())?,
            "ScannedCount" => page.scanned_count = mc(d.i32())?,
            "LastEvaluatedKey" => page.last_key = Some(mc_str(&mut d)?.into_owned()),
            _ => mc(d.skip())?,
        }
    }
    if d.position() != bytes.len() {
        return Err("bytes after the page".into());
    }
    Ok(page)
}

fn read_minicbor_item(d: &mut minicbor::Decoder<'_>) -> McResult<Item> {
    let (mut pk, mut sk, mut title, mut count, mut price, mut created, mut active, mut attributes) =
        (None, None, None, None, None, None, None, BTreeMap::new());
    let mut left = mc(d.map())?;
    while mc_next(d, &mut left)? {
        match &*mc_str(d)? {
            "pk" => pk = Some(mc_str(d)?.into_owned()),
            "sk" => sk = Some(mc_str(d)?.into_owned()),
            "title" => title = Some(mc_str(d)?.into_owned()),
            "count" => count = Some(mc(d.i64())?),
            "price" => price = Some(mc(d.f64())?),
            "created" => created = Some(mc_timestamp(d)?),
            "active" => active = Some(mc(d.bool())?),
            "attributes" => {
                let mut entries = mc(d.map())?;
                while mc_next(d, &mut entries)? {
                    let k = mc_str(d)?.into_owned();
                    attributes.insert(k, mc_str(d)?.into_owned());
                }
            }
            _ => mc(d.skip())?,
        }
    }
    let missing = |what: &str| format!("missing {what}");
    Ok(Item {
        pk: pk.ok_or_else(|| missing("pk"))?,
        sk: sk.ok_or_else(|| missing("sk"))?,
        title: title.ok_or_else(|| missing("title"))?,
        count: count.ok_or_else(|| missing("count"))?,
        price: price.ok_or_else(|| missing("price"))?,
        created: created.ok_or_else(|| missing("created"))?,
        active: active.ok_or_else(|| missing("active"))?,
        attributes,
    })
}
