//! Secrets in settings, masked before a value is quoted as evidence. A
//! setting whose name says it is a secret is never quoted at all; this is
//! for the secrets that hide inside ordinary values: the user info of a URL,
//! query parameters, and `key=value` pairs of connection strings, in every
//! syntax the usual drivers read (PostgreSQL URLs and key/value strings,
//! JDBC, MongoDB, Redis, AMQP, SQL Server, Elasticsearch, Sentry DSNs).

/// What a masked secret is shown as.
pub const MASK: &str = "***";

/// `value` with every secret it holds replaced by [`MASK`].
pub fn mask(value: &str) -> String {
    let urls = mask_user_info(value);
    mask_pairs(&urls)
}

/// Whether a parameter or pair name is a secret's: `password`, `Pwd`,
/// `api_key`, `AccountKey`, `sig`, `access_token`, …
pub fn is_secret_name(name: &str) -> bool {
    let n: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    const WORDS: &[&str] = &[
        "password",
        "passwd",
        "passphrase",
        "pwd",
        "secret",
        "token",
        "apikey",
        "accesskey",
        "accountkey",
        "sharedaccesskey",
        "privatekey",
        "secretkey",
        "credential",
        "sessionkey",
        "clientkey",
    ];
    const EXACT: &[&str] = &["pass", "key", "sig", "signature", "auth", "authorization"];
    WORDS.iter().any(|w| n.contains(w)) || EXACT.contains(&n.as_str())
}

/// `scheme://user:password@host` → `scheme://user:***@host`, and a user
/// info without a password (a Sentry DSN's key, a token as user name) →
/// `scheme://***@host`. Every URL of the value is masked, however many
/// a list holds.
fn mask_user_info(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        // The authority ends at the path, query or fragment, at JDBC's
        // ';' options, or at white space; its user info ends at the last
        // '@' within it.
        let end = tail
            .find(|c: char| matches!(c, '/' | '?' | '#' | ';') || c.is_whitespace())
            .unwrap_or(tail.len());
        // A list of URLs without paths: this one ends before the next
        // one's scheme.
        let end = match tail.find("://") {
            Some(next) if next <= end => {
                tail[..next].rfind([',', ';', ' ']).map_or(next, |i| i + 1)
            }
            _ => end,
        };
        let authority = &tail[..end];
        match authority.rfind('@') {
            Some(user_end) => {
                let info = &authority[..user_end];
                match info.split_once(':') {
                    Some((user, _)) => {
                        out.push_str(user);
                        out.push(':');
                        out.push_str(MASK);
                    }
                    None => out.push_str(MASK),
                }
                out.push_str(&authority[user_end..]);
            }
            None => out.push_str(authority),
        }
        rest = &tail[authority.len()..];
    }
    out.push_str(rest);
    out
}

/// `name=value` pairs whose name is a secret's, wherever they stand: URL
/// query parameters (`?password=…&token=…`), JDBC and ADO.NET options
/// (`;password=…`, `Pwd=…;`), libpq key/value strings
/// (`host=db password='a b'`). The value runs to the next separator, or to
/// its closing quote.
fn mask_pairs(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut i = 0;
    let bytes = value.as_bytes();
    while let Some(eq) = value[i..].find('=').map(|p| i + p) {
        // The name: back from '=' to a separator.
        let start = value[..eq]
            .rfind(['?', '&', ';', ' ', '\t', ',', '\n'])
            .map_or(0, |p| p + 1)
            .max(i);
        // Names of ADO.NET pairs may hold spaces ("User Id"): the pair then
        // starts after the last ';' instead.
        let ado_start = value[..eq].rfind(';').map_or(0, |p| p + 1).max(i);
        let secret =
            is_secret_name(&value[start..eq]) || is_secret_name(value[ado_start..eq].trim());
        out.push_str(&value[i..=eq]);
        i = eq + 1;
        if !secret {
            continue;
        }
        let end = match bytes.get(i) {
            Some(&q @ (b'\'' | b'"')) => value[i + 1..]
                .find(q as char)
                .map_or(value.len(), |p| i + 1 + p + 1),
            _ => value[i..]
                .find(['&', ';', ' ', '\t', ',', '\n', '#'])
                .map_or(value.len(), |p| i + p),
        };
        if end > i {
            out.push_str(MASK);
        }
        i = end;
    }
    out.push_str(&value[i..]);
    out
}

#[cfg(test)]
mod tests {
    use super::mask;

    /// Real connection-string syntaxes, each with its secrets masked and
    /// nothing else changed.
    #[test]
    fn every_usual_syntax_keeps_its_secrets() {
        let table = [
            // PostgreSQL URL, key/value string, and a password in the query.
            (
                "postgresql://app:s3cr3t@db:5432/orders?sslmode=require",
                "postgresql://app:***@db:5432/orders?sslmode=require",
            ),
            (
                "host=db port=5432 user=app password=s3cr3t dbname=orders",
                "host=db port=5432 user=app password=*** dbname=orders",
            ),
            (
                "host=db password='with space' dbname=orders",
                "host=db password=*** dbname=orders",
            ),
            (
                "postgres://db/orders?user=app&password=s3cr3t&sslmode=disable",
                "postgres://db/orders?user=app&password=***&sslmode=disable",
            ),
            // MySQL and JDBC.
            (
                "mysql://root:hunter2@mysql:3306/shop",
                "mysql://root:***@mysql:3306/shop",
            ),
            (
                "jdbc:mysql://mysql:3306/shop?user=root&password=hunter2&useSSL=false",
                "jdbc:mysql://mysql:3306/shop?user=root&password=***&useSSL=false",
            ),
            (
                "jdbc:sqlserver://sql:1433;databaseName=shop;user=sa;password=Pass@word1",
                "jdbc:sqlserver://sql:1433;databaseName=shop;user=sa;password=***",
            ),
            // MongoDB with several hosts.
            (
                "mongodb://admin:pw@mongo-0:27017,mongo-1:27017/shop?authSource=admin&replicaSet=rs0",
                "mongodb://admin:***@mongo-0:27017,mongo-1:27017/shop?authSource=admin&replicaSet=rs0",
            ),
            // Redis: a password without a user, and a list of URLs.
            ("redis://:topsecret@cache:6379/0", "redis://:***@cache:6379/0"),
            (
                "redis://default:a@r1:6379,redis://default:b@r2:6379",
                "redis://default:***@r1:6379,redis://default:***@r2:6379",
            ),
            // AMQP.
            (
                "amqp://guest:guest@rabbitmq:5672/",
                "amqp://guest:***@rabbitmq:5672/",
            ),
            // SQL Server (ADO.NET).
            (
                "Server=sqldata;Database=Orders;User Id=sa;Password=Pass@word",
                "Server=sqldata;Database=Orders;User Id=sa;Password=***",
            ),
            (
                "Data Source=tcp:sql,1433;Initial Catalog=x;Uid=sa;Pwd=abc;",
                "Data Source=tcp:sql,1433;Initial Catalog=x;Uid=sa;Pwd=***;",
            ),
            (
                "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc==;EndpointSuffix=core.windows.net",
                "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=***;EndpointSuffix=core.windows.net",
            ),
            // Elasticsearch.
            (
                "https://elastic:changeme@es:9200",
                "https://elastic:***@es:9200",
            ),
            // Sentry DSN: the user info is the key.
            (
                "https://0123456789abcdef@o0.ingest.sentry.io/42",
                "https://***@o0.ingest.sentry.io/42",
            ),
            // Tokens in a query, and the second of two URLs.
            (
                "https://api.example.com/v1?token=abc&apikey=def&page=2",
                "https://api.example.com/v1?token=***&apikey=***&page=2",
            ),
            (
                "http://a:8080, http://u:p@b:8080",
                "http://a:8080, http://u:***@b:8080",
            ),
            // Nothing secret: unchanged.
            ("http://catalog:8080/api", "http://catalog:8080/api"),
            ("kafka:9092,kafka-2:9092", "kafka:9092,kafka-2:9092"),
            ("KEYSPACE=orders", "KEYSPACE=orders"),
        ];
        for (value, expected) in table {
            assert_eq!(mask(value), expected, "{value}");
        }
    }

    #[test]
    fn any_text_is_masked_without_a_panic() {
        for s in [
            "",
            "=",
            "==",
            "a=",
            "password=",
            "://",
            "://@",
            "x://a@",
            "é=ü;pwd=ß",
            "pwd='",
        ] {
            let _ = mask(s);
        }
        assert_eq!(mask("pwd='"), "pwd=***");
    }
}
