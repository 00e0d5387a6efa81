"""What a classifier of texts must beat: always the most frequent training class, and what a
reader would try first, character unigrams and bigrams with logistic regression.

Logistic regression rather than multinomial naive Bayes: on the names sample (LabelConfig's
stratified 15% test, split seeds 0, 1, 2) it scored 0.810-0.813 against naive Bayes'
0.757-0.760, and the majority class 0.499. "char_wb" pads each word with a space, so the
pairs see a name's first and last letters (" N", "v "), much of what tells a language
("-ov", "Mac-"); plain "char" scored 0.805-0.807, and pairs without single letters 0.79.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnnviz.data.labels import LabelledData

BASELINE_KINDS = ("majority", "bigram")  # codes; the catalog's labels.baseline.<code> names them


@dataclass(frozen=True)
class BaselineScore:
    kind: str  # one of BASELINE_KINDS
    accuracy: float  # on the test split
    predicted: np.ndarray  # [n_test] class index of each test example


def majority_baseline(data: LabelledData) -> BaselineScore:
    """The most frequent class of the training split, predicted for every test example."""
    train, test = data.rows("train"), data.rows("test")
    top = int(np.bincount(data.y[train], minlength=len(data.classes)).argmax())
    predicted = np.full(len(test), top, np.int64)
    return BaselineScore("majority", float((data.y[test] == top).mean()), predicted)


def bigram_baseline(data: LabelledData, seed: int = 0) -> BaselineScore:
    """Counts of characters and character pairs, logistic regression, fitted on train."""
    # Local: scikit-learn takes a second to import and only this page's run needs it.
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = np.asarray(data.texts, dtype=object)
    train, test = data.rows("train"), data.rows("test")
    # lowercase=False: the capital marks the first letter; the texts are read as given.
    vectorizer = CountVectorizer(analyzer="char_wb", ngram_range=(1, 2), lowercase=False)
    x_train = vectorizer.fit_transform(texts[train])
    model = LogisticRegression(max_iter=1000, random_state=seed)
    model.fit(x_train, data.y[train])
    predicted = model.predict(vectorizer.transform(texts[test])).astype(np.int64)
    return BaselineScore("bigram", float((predicted == data.y[test]).mean()), predicted)


def class_baselines(data: LabelledData) -> dict[str, BaselineScore]:
    """Both baselines on `data`'s test split, by kind."""
    return {"majority": majority_baseline(data), "bigram": bigram_baseline(data)}
