//! `/api/themes`, `/api/places` and `/api/map.svg` (issue #10): on a store of placed events with
//! extracted themes, on one without themes, and with hostile news text in place names and theme
//! ids.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use entente_server::Server;
use serde_json::Value;
use std::sync::OnceLock;
use tower::ServiceExt;

mod common;
use common::{HOSTILE_PLACE, HOSTILE_THEME};

/// A store with the placed events and their themes, and one with the plain fixture (events
/// without places, and no themes table files at all).
struct Stores {
    _dirs: [tempfile::TempDir; 2],
    themed: Server,
    plain: Server,
}

fn stores() -> &'static Stores {
    static S: OnceLock<Stores> = OnceLock::new();
    S.get_or_init(|| {
        let themed = tempfile::tempdir().unwrap();
        common::store_placed(themed.path());
        let plain = tempfile::tempdir().unwrap();
        common::store(plain.path(), common::events());
        Stores { themed: Server::builder(themed.path()).build(), plain: Server::builder(plain.path()).build(), _dirs: [themed, plain] }
    })
}

/// GET `uri`; the status, the content type, the content-security-policy and the body.
async fn get_on(server: &Server, uri: &str) -> (StatusCode, String, String, String) {
    let res = server.router().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let h = |name: &str| res.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let (status, ctype, csp) = (res.status(), h("content-type"), h("content-security-policy"));
    let body = axum::body::to_bytes(res.into_body(), 10 << 20).await.unwrap();
    (status, ctype, csp, String::from_utf8(body.to_vec()).unwrap())
}

async fn json_on(server: &Server, uri: &str) -> Value {
    let (status, ctype, _, body) = get_on(server, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    assert_eq!(ctype, "application/json", "{uri}");
    serde_json::from_str(&body).unwrap()
}

async fn json(uri: &str) -> Value {
    json_on(&stores().themed, uri).await
}

/// The themes of a response as (domain, theme, mentions), in order.
fn listed(v: &Value) -> Vec<(String, String, u64)> {
    let mut out = vec![];
    for d in v["domains"].as_array().unwrap() {
        for t in d["themes"].as_array().unwrap() {
            assert_eq!(t["domain"], d["domain"], "{t}");
            out.push((d["domain"].as_str().unwrap().into(), t["theme"].as_str().unwrap().into(), t["mentions"].as_u64().unwrap()));
        }
    }
    out
}

fn theme<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["domains"].as_array().unwrap().iter().flat_map(|d| d["themes"].as_array().unwrap()).find(|t| t["theme"] == id).unwrap_or_else(|| panic!("no theme {id}: {v}"))
}

#[tokio::test]
async fn themes_of_the_pairs_sentences_per_domain() {
    let v = json("/api/themes?a=RUS&b=IRN").await;
    // Sentence-level: the theme of t-1's sentence 3 (no event) and USA–CHN's are not the pair's;
    // t-2's sentence gave two events and its theme counts once.
    assert_eq!(
        listed(&v),
        vec![
            ("military".into(), "military.drones".into(), 4),
            ("economic".into(), "economic.trade".into(), 2),
            ("diplomatic".into(), HOSTILE_THEME.into(), 1),
        ],
        "{v}"
    );
    assert_eq!(v["rows"], 7);
    assert_eq!(v["truncated"], false);
    assert_eq!(v["granularity"], "month");
    assert_eq!(v["domains"][0]["mentions"], 4);
    let drones = theme(&v, "military.drones");
    assert_eq!(drones["label"], "drones");
    assert_eq!((drones["first"].as_str(), drones["last"].as_str()), (Some("2022-01-10"), Some("2022-10-01")));
    assert_eq!(drones["per_period"], serde_json::json!({"2022-01": 1, "2022-06": 1, "2022-09": 1, "2022-10": 1}));
    // One mention before the middle of its span, three after: rising (the analytics' rule).
    assert_eq!(drones["trend"], "rising");
    let ex = drones["examples"].as_array().unwrap();
    assert_eq!(ex.len(), 2, "{drones}");
    assert_eq!(ex[0]["date"], "2022-10-01", "latest first");
    assert_eq!(ex[0]["text"], "Sentence of t-5: RUSGOV and IRNGOV.");
    let trade = theme(&v, "economic.trade");
    assert_eq!(trade["per_period"], serde_json::json!({"2022-01": 1, "2022-02": 1}));
    assert_eq!(trade["trend"], "steady");
    // The order of the pair does not matter; the filters are those of /api/events.
    assert_eq!(json("/api/themes?a=IRN&b=RUS").await["domains"], v["domains"]);
    let late = json("/api/themes?a=RUS&b=IRN&from=2022-06-01").await;
    assert_eq!(listed(&late)[0], ("military".into(), "military.drones".into(), 3), "{late}");
    assert!(listed(&late).iter().all(|t| t.1 != "economic.trade"), "{late}");
    let ba = json("/api/themes?a=RUS&b=IRN&direction=ba").await;
    assert_eq!(listed(&ba), vec![("economic".into(), "economic.trade".into(), 1)], "only Iran's act in t-2: {ba}");
    assert_eq!(listed(&json("/api/themes?a=USA&b=CHN").await), vec![("military".into(), "military.espionage".into(), 1)]);
    // limit keeps the themes with most mentions; weeks label by their Monday.
    assert_eq!(listed(&json("/api/themes?a=RUS&b=IRN&limit=1").await).len(), 1);
    let weeks = json("/api/themes?a=RUS&b=IRN&granularity=week").await;
    assert_eq!(theme(&weeks, "economic.trade")["per_period"], serde_json::json!({"2022-01-10": 1, "2022-02-07": 1}));
}

#[tokio::test]
async fn places_of_the_pairs_events_most_first() {
    let v = json("/api/places?a=RUS&b=IRN").await;
    let ps = v["places"].as_array().unwrap();
    let got: Vec<(&str, u64)> = ps.iter().map(|p| (p["name"].as_str().unwrap(), p["events"].as_u64().unwrap())).collect();
    assert_eq!(got, vec![("Tehran", 3), (HOSTILE_PLACE, 1), ("Bandar Abbas", 1)], "{v}");
    assert_eq!(ps[0]["country"], "IRN");
    assert_eq!(ps[0]["country_name"], "Iran");
    assert_eq!((ps[0]["lat"].as_f64(), ps[0]["lon"].as_f64()), (Some(35.69), Some(51.39)));
    assert_eq!(ps[0]["dataset"], "entente");
    assert_eq!(v["more"], false);
    let one = json("/api/places?a=RUS&b=IRN&limit=1").await;
    assert_eq!((one["places"].as_array().unwrap().len(), one["more"].as_bool()), (1, Some(true)));
    let china = json("/api/places?a=CHN&b=USA").await;
    assert_eq!(china["places"][0]["name"], "Beijing");
    assert_eq!(json("/api/places?a=RUS&b=IRN&from=2022-09-01").await["places"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_map_is_the_guides_svg_with_names_escaped() {
    let (status, ctype, csp, svg) = get_on(&stores().themed, "/api/map.svg?a=RUS&b=IRN").await;
    assert_eq!(status, StatusCode::OK, "{svg}");
    assert_eq!(ctype, "image/svg+xml");
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{}", &svg[..100.min(svg.len())]);
    // The region is the places' (all in Iran): Iran's outline is drawn, highlighted as one of the pair.
    assert!(svg.contains("fill=\"#f3e3c3\" stroke=\"#8a8a8a\" stroke-width=\"0.6\"><title>IRN</title>"), "Iran's outline, highlighted");
    assert!(svg.contains("<title>IRQ</title>"), "its neighbours' outlines");
    assert_eq!(svg.matches("<circle").count(), 3, "one circle per place");
    assert!(svg.contains(">Tehran<"));
    assert!(!svg.to_lowercase().contains("<script"), "a place name became markup");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the hostile name is shown, escaped");
    assert!(!svg.contains("http://") || svg.matches("http://").count() == 1, "only the SVG namespace, nothing loaded");
    // Without places: an image that says so, not an error.
    let (status, ctype, _, svg) = get_on(&stores().themed, "/api/map.svg?a=FRA&b=DEU").await;
    assert_eq!((status, ctype.as_str()), (StatusCode::OK, "image/svg+xml"));
    assert!(svg.contains("No event places") && !svg.contains("<circle"), "{svg}");
}

#[tokio::test]
async fn hostile_news_text_is_escaped_in_json() {
    for uri in ["/api/places?a=RUS&b=IRN", "/api/themes?a=RUS&b=IRN"] {
        let (status, _, _, body) = get_on(&stores().themed, uri).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!body.contains('<') && !body.contains('>'), "{uri}: unescaped markup: {body}");
    }
    let (_, _, _, body) = get_on(&stores().themed, "/api/places?a=RUS&b=IRN").await;
    assert!(body.contains(r"\u003cscript\u003ealert(1)\u003c/script\u003e"), "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert!(v["places"].as_array().unwrap().iter().any(|p| p["name"] == HOSTILE_PLACE), "the name round-trips");
    let t = json("/api/themes?a=RUS&b=IRN").await;
    assert_eq!(theme(&t, HOSTILE_THEME)["label"], HOSTILE_THEME);
}

#[tokio::test]
async fn a_store_without_themes_or_places_gives_empty_lists() {
    // The plain fixture has events but no theme files (as a GDELT-only or older store).
    let v = json_on(&stores().plain, "/api/themes?a=RUS&b=IRN").await;
    assert_eq!(v["domains"], serde_json::json!([]));
    assert_eq!(v["rows"], 0);
    let v = json_on(&stores().plain, "/api/places?a=RUS&b=IRN").await;
    assert_eq!(v["places"], serde_json::json!([]), "no event has coordinates");
    let (status, _, _, svg) = get_on(&stores().plain, "/api/map.svg?a=RUS&b=IRN").await;
    assert_eq!(status, StatusCode::OK);
    assert!(svg.contains("No event places"));
    // No store at all.
    let dir = tempfile::tempdir().unwrap();
    let none = Server::builder(dir.path().join("missing")).build();
    assert_eq!(json_on(&none, "/api/themes?a=RUS&b=IRN").await["domains"], serde_json::json!([]));
    assert_eq!(json_on(&none, "/api/places?a=RUS&b=IRN").await["places"], serde_json::json!([]));
}

#[tokio::test]
async fn bad_parameters_are_400_naming_the_parameter() {
    let bad = [
        ("/api/themes", "\"a\""),
        ("/api/themes?a=RUS", "\"b\""),
        ("/api/themes?a=rus&b=IRN", "a="),
        ("/api/themes?a=RUS&b=IRN'--", "b="),
        ("/api/themes?a=RUS&b=IRN&granularity=year", "granularity="),
        ("/api/themes?a=RUS&b=IRN&limit=0", "limit="),
        ("/api/themes?a=RUS&b=IRN&limit=201", "limit="),
        ("/api/themes?a=RUS&b=IRN&from=2022-02-30", "from="),
        ("/api/themes?a=RUS&b=IRN&from=2023-01-01&to=2022-01-01", "from="),
        ("/api/themes?a=RUS&b=IRN&domain=military", "\"domain\""),
        ("/api/themes?a=RUS&b=IRN&root=21", "root="),
        ("/api/places?b=IRN", "\"a\""),
        ("/api/places?a=RUS&b=IRN&limit=501", "limit="),
        ("/api/places?a=RUS&b=IRN&limit=-1", "limit="),
        ("/api/places?a=RUS&b=IRN&quad=9", "quad="),
        ("/api/places?a=RUS&b=IRN&granularity=month", "\"granularity\""),
        ("/api/places?a=RUS&b=IRN&a=USA", "\"a\""),
        ("/api/map.svg?a=RUS&b=IRN&limit=5", "\"limit\""),
        ("/api/map.svg?a=RUS&b=I", "b="),
        ("/api/map.svg?a=RUS&b=IRN&direction=up", "direction="),
    ];
    for (uri, names) in bad {
        let (status, ctype, _, body) = get_on(&stores().themed, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert_eq!(ctype, "application/json", "{uri}");
        let v: Value = serde_json::from_str(&body).unwrap();
        let e = v["error"].as_str().unwrap();
        assert!(e.contains(names), "{uri}: the error names the parameter ({names}): {e}");
    }
}

#[tokio::test]
async fn slow_theme_and_place_queries_are_504() {
    let dir = &stores()._dirs[0];
    let server = Server::builder(dir.path()).timeout(std::time::Duration::ZERO).build();
    for uri in ["/api/themes?a=RUS&b=IRN", "/api/places?a=RUS&b=IRN", "/api/map.svg?a=RUS&b=IRN"] {
        let (status, _, _, _) = get_on(&server, uri).await;
        assert_eq!(status, StatusCode::GATEWAY_TIMEOUT, "{uri}");
    }
}

#[tokio::test]
async fn the_openapi_document_describes_the_new_endpoints() {
    let spec = json("/api/openapi.json").await;
    for path in ["/api/themes", "/api/places", "/api/map.svg"] {
        let op = &spec["paths"][path]["get"];
        assert!(op.is_object(), "{path} is not described");
        let names: Vec<&str> = op["parameters"].as_array().unwrap().iter().filter_map(|p| p["name"].as_str().or_else(|| p["$ref"].as_str().and_then(|r| r.rsplit('/').next()))).collect();
        assert!(names.contains(&"a") && names.contains(&"b"), "{path}: {names:?}");
    }
    // Every field a place and a theme carry is described.
    let v = json("/api/places?a=RUS&b=IRN").await;
    let props = spec["components"]["schemas"]["Place"]["properties"].as_object().unwrap();
    for key in v["places"][0].as_object().unwrap().keys() {
        assert!(props.contains_key(key), "{key} is not in the OpenAPI Place schema");
    }
    let t = json("/api/themes?a=RUS&b=IRN").await;
    let props = spec["components"]["schemas"]["Theme"]["properties"].as_object().unwrap();
    for key in t["domains"][0]["themes"][0].as_object().unwrap().keys() {
        assert!(props.contains_key(key), "{key} is not in the OpenAPI Theme schema");
    }
}
