// A fluent call without its required member has no `send()`: the compiler names the
// member's type parameter still `Missing`.
fn main() {
    let client = mpa::blocking::Client::from_env().unwrap();
    let _ = client.list_sessions().max_results(10).send();
}
