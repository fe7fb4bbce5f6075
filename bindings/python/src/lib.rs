//! The extension module `newsbrief._newsbrief`: PyO3 glue over [`engine`].
//! Takes Python strings, numbers and lists, hands back JSON text (parsed
//! into dicts by the pure-Python package, so the schema is the library's
//! own serializer's), lists and dicts of floats. Library errors become
//! `ValueError` with the library's message; nothing here unwraps on user
//! input. Batch calls release the GIL (`py.detach`) while rayon works.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;

mod engine;

use engine::{Engine, EvalRow, Evaluator, Settings};

fn value_error(message: String) -> PyErr {
    PyValueError::new_err(message)
}

/// A configured summarizer; `summarize*` take JSON record lines.
#[pyclass(frozen, module = "newsbrief._newsbrief", name = "Engine")]
struct PyEngine {
    inner: Engine,
}

/// Python data (dicts, lists, str, numbers, bool, None) as JSON, the form
/// the library's record reader takes.
fn to_value(obj: &Bound<'_, PyAny>, at: &str) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_string()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return Ok(Value::from(obj.extract::<f64>()?));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| {
                value_error(format!(
                    "{at}: not JSON-like data: {} is not a finite number",
                    f.value()
                ))
            });
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = k.cast::<PyString>().map_err(|_| {
                value_error(format!("{at}: not JSON-like data: a dict key is not a str"))
            })?;
            map.insert(key.to_str()?.to_string(), to_value(&v, at)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return l
            .iter()
            .map(|v| to_value(&v, at))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return t
            .iter()
            .map(|v| to_value(&v, at))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    Err(value_error(format!(
        "{at}: not JSON-like data: {} is not a str, number, list or dict",
        obj.get_type().name()?
    )))
}

/// A cluster as a record: a dict is one already (`{"id", "documents"}`,
/// Multi-News `{"document"}`), a list or other iterable holds its documents.
fn to_record(obj: &Bound<'_, PyAny>, at: &str) -> PyResult<Value> {
    if obj.cast::<PyDict>().is_ok() {
        return to_value(obj, at);
    }
    if obj.cast::<PyString>().is_ok() || obj.cast::<PyBytes>().is_ok() {
        return Err(value_error(format!(
            "{at}: expected a list of documents (str or dict), got a single {}",
            obj.get_type().name()?
        )));
    }
    let documents = if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        to_value(obj, at)?
    } else {
        let items = obj.try_iter().map_err(|_| {
            let kind = obj
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default();
            value_error(format!(
                "{at}: expected a list of documents (str or dict), got {kind}"
            ))
        })?;
        let mut docs = Vec::new();
        for item in items {
            docs.push(to_value(&item?, at)?);
        }
        Value::Array(docs)
    };
    Ok(serde_json::json!({ "documents": documents }))
}

/// JSON as Python data (what `json.loads` would give).
fn to_py(py: Python<'_>, v: &Value) -> PyResult<Py<PyAny>> {
    Ok(match v {
        Value::Null => py.None(),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any().unbind(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any().unbind(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any().unbind(),
            _ => PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN))
                .into_any()
                .unbind(),
        },
        Value::String(s) => PyString::new(py, s).into_any().unbind(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any().unbind()
        }
        Value::Object(map) => {
            let d = PyDict::new(py);
            for (k, item) in map {
                d.set_item(k, to_py(py, item)?)?;
            }
            d.into_any().unbind()
        }
    })
}

#[pymethods]
impl PyEngine {
    #[new]
    #[pyo3(signature = (method, words, sentences, truncate, brief))]
    fn new(
        method: &str,
        words: Option<i64>,
        sentences: Option<i64>,
        truncate: bool,
        brief: bool,
    ) -> PyResult<Self> {
        let settings = Settings {
            method,
            words,
            sentences,
            truncate,
            brief,
        };
        Engine::new(&settings)
            .map(|inner| PyEngine { inner })
            .map_err(value_error)
    }

    /// Summarizes clusters in parallel, the GIL released. `items` are
    /// `(cluster, label)`: a list of documents or a record dict, and the name
    /// used in messages and as the id when it has none. Per cluster: the
    /// summary as Python data, or `{"id", "error"}` so one bad cluster costs
    /// only its own output. Data that is not JSON-like raises `ValueError`.
    fn summarize_many(
        &self,
        py: Python<'_>,
        items: Vec<(Bound<'_, PyAny>, String)>,
    ) -> PyResult<Vec<Py<PyAny>>> {
        let records = items
            .iter()
            .map(|(obj, label)| Ok((to_record(obj, label)?, label.clone())))
            .collect::<PyResult<Vec<_>>>()?;
        let results = py.detach(|| self.inner.summarize_many(&records));
        results
            .into_iter()
            .map(|outcome| match outcome {
                Ok(summary) => to_py(py, &summary),
                Err((id, message)) => {
                    let d = PyDict::new(py);
                    d.set_item("id", id)?;
                    d.set_item("error", message)?;
                    Ok(d.into_any().unbind())
                }
            })
            .collect()
    }

    /// `(line, stderr messages)` per record, exactly as `newsbrief summarize
    /// FILE.jsonl` prints them.
    fn batch_lines(
        &self,
        py: Python<'_>,
        records: Vec<(String, String)>,
    ) -> Vec<(String, Vec<String>)> {
        py.detach(|| self.inner.batch_lines(&records))
    }
}

/// One method at a word budget, scoring records as `newsbrief eval`.
#[pyclass(frozen, module = "newsbrief._newsbrief", name = "Evaluator")]
struct PyEvaluator {
    inner: Evaluator,
}

#[pymethods]
impl PyEvaluator {
    #[new]
    fn new(method: &str, words: usize) -> PyResult<Self> {
        Evaluator::new(method, words)
            .map(|inner| PyEvaluator { inner })
            .map_err(value_error)
    }

    /// Per record: `("unreadable", message)`, `("no_reference", None)` or
    /// `("scored", (twelve figures, bytes))`.
    fn records(
        &self,
        py: Python<'_>,
        records: Vec<(String, String)>,
    ) -> PyResult<Vec<(String, Py<PyAny>)>> {
        let rows = py.detach(|| self.inner.records(&records));
        rows.into_iter()
            .map(|row| {
                Ok(match row {
                    EvalRow::Unreadable(m) => (
                        "unreadable".to_string(),
                        m.into_pyobject(py)?.into_any().unbind(),
                    ),
                    EvalRow::NoReference => ("no_reference".to_string(), py.None()),
                    EvalRow::Scored { scores, bytes } => (
                        "scored".to_string(),
                        (scores, bytes).into_pyobject(py)?.into_any().unbind(),
                    ),
                })
            })
            .collect()
    }
}

/// `(name, description)` of every method.
#[pyfunction]
fn methods() -> Vec<(String, String)> {
    engine::methods()
}

/// ROUGE-1/2/L/Lsum of `candidate` against `references` (averaged), as
/// `{"rouge1": {"precision", "recall", "f1"}, ...}`.
#[pyfunction]
#[pyo3(signature = (candidate, references, words=None))]
fn rouge<'py>(
    py: Python<'py>,
    candidate: String,
    references: Vec<String>,
    words: Option<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    let scores = py.detach(|| engine::rouge(&candidate, &references, words));
    let out = PyDict::new(py);
    let names = ["rouge1", "rouge2", "rougeL", "rougeLsum"];
    for (name, prf) in names.iter().zip(scores.fields()) {
        let d = PyDict::new(py);
        d.set_item("precision", prf.precision)?;
        d.set_item("recall", prf.recall)?;
        d.set_item("f1", prf.f1)?;
        out.set_item(*name, d)?;
    }
    Ok(out)
}

/// A system report (JSON text, as `newsbrief eval --json` lists systems)
/// from per-cluster figures in corpus order.
#[pyfunction]
fn eval_report(
    py: Python<'_>,
    system: &str,
    per_cluster: Vec<Vec<f64>>,
    skipped: usize,
    seconds: f64,
    bytes: usize,
) -> PyResult<String> {
    let want = newsbrief::eval::harness::FIGURES;
    if let Some(bad) = per_cluster.iter().find(|v| v.len() != want) {
        return Err(value_error(format!(
            "each cluster needs {want} figures (12 ROUGE, 1 dangling), got {}",
            bad.len()
        )));
    }
    let system = system.to_string();
    let report = py.detach(|| engine::report(&system, &per_cluster, skipped, seconds, bytes));
    Ok(engine::report_json(&report))
}

/// `newsbrief eval`'s table from report JSON texts.
#[pyfunction]
fn eval_table(
    reports: Vec<String>,
    metrics: Vec<String>,
    clusters: usize,
    words: usize,
) -> PyResult<String> {
    let reports = reports
        .iter()
        .map(|r| engine::report_from_json(r))
        .collect::<Result<Vec<_>, _>>()
        .map_err(value_error)?;
    Ok(newsbrief::eval::harness::table(
        &reports, &metrics, clusters, words,
    ))
}

/// `(words, metric keys)` of an eval preset (`None`: the CLI's defaults).
#[pyfunction]
#[pyo3(signature = (name=None))]
fn eval_preset(name: Option<&str>) -> PyResult<(usize, Vec<String>)> {
    engine::preset(name).map_err(value_error)
}

/// The name `newsbrief eval` gives a method's row.
#[pyfunction]
fn system_name(method: &str) -> String {
    engine::system_name(method)
}

/// Story clustering over a stream of articles (JSON in, JSON out).
#[pyclass(unsendable, module = "newsbrief._newsbrief", name = "Stories")]
struct PyStories {
    inner: engine::Stories,
    added: usize,
}

#[pymethods]
impl PyStories {
    #[new]
    #[pyo3(signature = (db=None))]
    fn new(db: Option<&str>) -> PyResult<Self> {
        Ok(PyStories {
            inner: engine::Stories::new(db).map_err(value_error)?,
            added: 0,
        })
    }

    /// Adds one article given as JSON text; returns the assignment as JSON text.
    fn add(&mut self, article: &str) -> PyResult<String> {
        self.added += 1;
        let label = format!("article {}", self.added);
        self.inner.add(article, &label).map_err(value_error)
    }

    /// Every story as JSON text.
    fn stories(&self) -> PyResult<String> {
        self.inner.stories().map_err(value_error)
    }
}

#[pymodule]
fn _newsbrief(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEngine>()?;
    m.add_class::<PyEvaluator>()?;
    m.add_class::<PyStories>()?;
    m.add_function(wrap_pyfunction!(methods, m)?)?;
    m.add_function(wrap_pyfunction!(rouge, m)?)?;
    m.add_function(wrap_pyfunction!(eval_report, m)?)?;
    m.add_function(wrap_pyfunction!(eval_table, m)?)?;
    m.add_function(wrap_pyfunction!(eval_preset, m)?)?;
    m.add_function(wrap_pyfunction!(system_name, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
