//! The extension module `newsbrief._newsbrief`: PyO3 glue over [`engine`].
//! Takes Python strings, numbers and lists, hands back JSON text (parsed
//! into dicts by the pure-Python package, so the schema is the library's
//! own serializer's), lists and dicts of floats. Library errors become
//! `ValueError` with the library's message; nothing here unwraps on user
//! input. Batch calls release the GIL (`py.detach`) while rayon works.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

mod engine;

use engine::{Engine, EvalRow, Evaluator, Failure, Settings};

fn value_error(message: String) -> PyErr {
    PyValueError::new_err(message)
}

/// A configured summarizer; `summarize*` take JSON record lines.
#[pyclass(frozen, module = "newsbrief._newsbrief", name = "Engine")]
struct PyEngine {
    inner: Engine,
}

/// A failure as `(id or None, message)`; success as the JSON text.
type Outcome = Result<String, Failure>;

fn outcome_to_py(py: Python<'_>, outcome: Outcome) -> PyResult<Py<PyAny>> {
    match outcome {
        Ok(json) => Ok(json.into_pyobject(py)?.into_any().unbind()),
        Err((id, message)) => {
            let d = PyDict::new(py);
            d.set_item("id", id)?;
            d.set_item("error", message)?;
            Ok(d.into_any().unbind())
        }
    }
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

    /// One record to the summary's JSON; `ValueError` on failure.
    fn summarize(&self, py: Python<'_>, record: &str, label: &str) -> PyResult<String> {
        let (record, label) = (record.to_string(), label.to_string());
        py.detach(|| self.inner.summarize(&record, &label))
            .map_err(|(_, message)| value_error(message))
    }

    /// Many records in parallel: per record the summary's JSON text, or a
    /// dict `{"id", "error"}` so one bad record costs only its own output.
    fn summarize_many(
        &self,
        py: Python<'_>,
        records: Vec<(String, String)>,
    ) -> PyResult<Vec<Py<PyAny>>> {
        let results = py.detach(|| self.inner.summarize_many(&records));
        results
            .into_iter()
            .map(|o| outcome_to_py(py, o))
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
    if let Some(bad) = per_cluster.iter().find(|v| v.len() != 12) {
        return Err(value_error(format!(
            "each cluster needs 12 ROUGE figures, got {}",
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
    Ok(engine::table(&reports, &metrics, clusters, words))
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

#[pymodule]
fn _newsbrief(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEngine>()?;
    m.add_class::<PyEvaluator>()?;
    m.add_function(wrap_pyfunction!(methods, m)?)?;
    m.add_function(wrap_pyfunction!(rouge, m)?)?;
    m.add_function(wrap_pyfunction!(eval_report, m)?)?;
    m.add_function(wrap_pyfunction!(eval_table, m)?)?;
    m.add_function(wrap_pyfunction!(eval_preset, m)?)?;
    m.add_function(wrap_pyfunction!(system_name, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
