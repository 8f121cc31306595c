//! A tiny SQL builder that numbers its placeholders `$1..$N`.

use sqlx::Any;
use sqlx::any::AnyArguments;
use sqlx::query::Query;

#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Int(i64),
    Text(String),
}

/// A tiny SQL builder that numbers its placeholders `$1..$N`, which both
/// SQLite and PostgreSQL accept (sqlx's `QueryBuilder<Any>` writes `?`).
#[derive(Debug, Default, Clone)]
pub(crate) struct Sql {
    pub(crate) text: String,
    pub(crate) args: Vec<Arg>,
}

impl Sql {
    pub(crate) fn new(text: &str) -> Sql {
        Sql {
            text: text.to_owned(),
            args: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    pub(crate) fn placeholder(&mut self, arg: Arg) -> &mut Sql {
        self.args.push(arg);
        let n = self.args.len();
        self.text.push_str(&format!("${n}"));
        self
    }

    pub(crate) fn text(&mut self, v: impl Into<String>) -> &mut Sql {
        self.placeholder(Arg::Text(v.into()))
    }

    pub(crate) fn int(&mut self, v: i64) -> &mut Sql {
        self.placeholder(Arg::Int(v))
    }

    /// `$a, $b, ...` for a list of texts.
    pub(crate) fn texts<S: Into<String>>(&mut self, vs: impl IntoIterator<Item = S>) -> &mut Sql {
        for (i, v) in vs.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.text(v);
        }
        self
    }

    pub(crate) fn query(&self) -> Query<'_, Any, AnyArguments> {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(self.text.clone()));
        for a in &self.args {
            q = match a {
                Arg::Int(i) => q.bind(*i),
                Arg::Text(s) => q.bind(s.as_str()),
            };
        }
        q
    }

    /// This statement followed by `more`'s text and arguments (its
    /// placeholders already continue this one's numbering).
    pub(crate) fn then(mut self, more: &Sql) -> Sql {
        self.text.push_str(&more.text);
        self.args.extend(more.args.iter().cloned());
        self
    }
}
