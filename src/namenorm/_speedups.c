/* namenorm's compiled fast paths: the typo alignment of namenorm.edits.align_within, the search
 * for a word's near tokens of namenorm.tokenindex.TokenIndex (deletion lookups and OSA distances), the keys that hold a near
 * token of every query word (namenorm.matcher.Matcher._find_near_keys), the cheapest order of a key's words aligned with
 * a query's (namenorm.word_orders.cheapest_order), and the stretches of text the URL mask of
 * namenorm.text reads, the runs of capitalised words its scan reads, and its mentions, built out of the garbage
 * collector's sight. Each gives exactly what its Python
 * reference path gives (tests compare them); namenorm uses that path where this is not compiled.
 *
 * align_band() does what namenorm.edits._align_window does with a limit (the readable reference path, which
 * tests compare it with): a weighted alignment of the window between the words' common prefix and
 * suffix (of the whole words where either holds a two-letter look-alike spelling such as rn, as
 * namenorm.edits._window), filling only the band of cells a path within the limit can cross, and giving up as soon as
 * two rows in a row cost more. A cell holds cost * 1024 + edits * 8 + step rank, so that taking the
 * smallest value picks the cheapest choice, then the one with fewest edits, then the step the
 * reference's min() over tuples picks.
 *
 * No rule is written here: configure() receives, from the YAML tables loaded in Python, the cost of
 * each kind of step (in hundredths), the letter pairs that substitute cheaply, two letters for one
 * among them (rn for m), and the edit each step makes: (kind, cost, why), and namenorm.edits' Edit and
 * Alignment named tuples. align_band() returns None, or the Alignment (its cost, and its Edits: kind,
 * query letters, key letters, cost, why, position in the key), built here as namenorm.edits would.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>

/* Step numbers, as namenorm.edits._fast_steps() lists them; substitutions by a pair come after. */
enum { MISSING_FULL, MISSING_DOUBLED, EXTRA_FULL, EXTRA_DOUBLED, EXTRA_NEIGHBOURS, SUBSTITUTION_FULL, TRANSPOSITION, FIXED_STEPS };
/* Ranks of the steps, in the order the reference breaks ties between equally cheap choices: by (query letters,
   key letters) taken, so one query letter for two key letters (m for rn) before two for one (rn for m). */
enum { RANK_MISSING, RANK_EXTRA, RANK_EQUAL, RANK_SUBSTITUTION, RANK_ONE_FOR_TWO, RANK_TWO_FOR_ONE, RANK_TRANSPOSITION };

#define MAX_STEPS 64
#define MAX_SPELLINGS 64
#define SLOTS 4096 /* open addressing: at most half full */
#define OUT ((int64_t)1 << 40) /* a cell outside the band: never the cheapest choice */
#define STACK_LETTERS 64
#define STACK_CELLS 1024

typedef struct {
    uint64_t pair; /* (a << 32 | b) + 1; 0: empty slot */
    int step;      /* the step number of substituting one letter for the other */
    int neighbours; /* whether their keys touch */
} Slot;

typedef struct {
    Py_UCS4 first, second; /* two letters that look like */
    Py_UCS4 single;        /* this one */
    int step;              /* the step number of writing one for the other */
} Spelling;

static Slot slots[SLOTS];
static Py_ssize_t pair_count;
static Spelling spellings[MAX_SPELLINGS];
static int spelling_count;
static int64_t spelling_units; /* the cheapest of their steps */
static int64_t step_units[MAX_STEPS];
static PyObject *step_edits[MAX_STEPS]; /* each step's (kind, cost, why), the first fields of its Edit */
static PyTypeObject *edit_type, *alignment_type; /* namenorm.edits.Edit and Alignment */
static Py_ssize_t step_count; /* 0 until configured */

static uint64_t pair_code(Py_UCS4 a, Py_UCS4 b) { return ((uint64_t)a << 32 | b) + 1; }

static Slot *find(Py_UCS4 a, Py_UCS4 b) {
    uint64_t code = pair_code(a, b);
    size_t at = (size_t)((code * 0x9E3779B97F4A7C15ull) >> 52) & (SLOTS - 1);
    while (slots[at].pair && slots[at].pair != code)
        at = (at + 1) & (SLOTS - 1);
    return &slots[at];
}

static int neighbours(Py_UCS4 a, Py_UCS4 b) {
    Slot *slot = find(a, b);
    return slot->pair && slot->neighbours;
}

/* The step number of writing a for b (two different letters). */
static int substitution_step(Py_UCS4 a, Py_UCS4 b) {
    Slot *slot = find(a, b);
    return slot->pair ? slot->step : SUBSTITUTION_FULL;
}

/* The step number of writing the two letters (first, second) for `single` or back, or -1 if they do not look alike. */
static int spelling_step(Py_UCS4 first, Py_UCS4 second, Py_UCS4 single) {
    for (int s = 0; s < spelling_count; s++)
        if (spellings[s].first == first && spellings[s].second == second && spellings[s].single == single)
            return spellings[s].step;
    return -1;
}

/* Whether a word holds a two-letter spelling of the table (namenorm.edits._has_multi_letter_spelling). */
static int has_spelling(const Py_UCS4 *word, Py_ssize_t length) {
    for (Py_ssize_t i = 1; i < length; i++)
        for (int s = 0; s < spelling_count; s++)
            if (spellings[s].first == word[i - 1] && spellings[s].second == word[i])
                return 1;
    return 0;
}

/* Read a spelling of one or two letters into letters[]; return its length, or -1. */
static Py_ssize_t read_spelling(PyObject *item, Py_UCS4 *letters) {
    Py_ssize_t length = PyUnicode_Check(item) ? PyUnicode_GET_LENGTH(item) : 0;
    if (length != 1 && length != 2) {
        PyErr_SetString(PyExc_ValueError, "a pair's spellings must be one or two letters");
        return -1;
    }
    for (Py_ssize_t i = 0; i < length; i++)
        letters[i] = PyUnicode_READ_CHAR(item, i);
    return length;
}

/* Whether a type is a subclass of tuple (a named tuple's class). */
static int tuple_class(PyObject *type) { return PyType_Check(type) && PyType_IsSubtype((PyTypeObject *)type, &PyTuple_Type); }

static PyObject *configure(PyObject *self, PyObject *args) {
    PyObject *units, *pairs, *edit_class, *alignment_class, *edits;
    if (!PyArg_ParseTuple(args, "OOOOO!:configure", &units, &pairs, &edit_class, &alignment_class, &PyTuple_Type, &edits))
        return NULL;
    if (!tuple_class(edit_class) || !tuple_class(alignment_class))
        return PyErr_Format(PyExc_TypeError, "the Edit and Alignment classes must be tuple subclasses");
    PyObject *unit_list = PySequence_Fast(units, "step costs must be a sequence");
    if (!unit_list)
        return NULL;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(unit_list);
    if (count < FIXED_STEPS || count > MAX_STEPS || PyTuple_GET_SIZE(edits) != count) {
        Py_DECREF(unit_list);
        return PyErr_Format(PyExc_ValueError, "expected %d to %d step costs, and an edit per step", FIXED_STEPS, MAX_STEPS);
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *edit = PyTuple_GET_ITEM(edits, i);
        if (!PyTuple_Check(edit) || PyTuple_GET_SIZE(edit) != 3) {
            Py_DECREF(unit_list);
            return PyErr_Format(PyExc_TypeError, "a step's edit must be a tuple (kind, cost, why)");
        }
    }
    int64_t new_units[MAX_STEPS];
    for (Py_ssize_t i = 0; i < count; i++) {
        new_units[i] = PyLong_AsLongLong(PySequence_Fast_GET_ITEM(unit_list, i));
        if (new_units[i] <= 0 || new_units[i] > 1000000) {
            Py_DECREF(unit_list);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "a step cost is out of range");
            return NULL;
        }
    }
    Py_DECREF(unit_list);
    PyObject *pair_list = PySequence_Fast(pairs, "pairs must be a sequence");
    if (!pair_list)
        return NULL;
    Py_ssize_t total = PySequence_Fast_GET_SIZE(pair_list);
    if (2 * total > SLOTS / 2) {
        Py_DECREF(pair_list);
        return PyErr_Format(PyExc_ValueError, "too many letter pairs (at most %d)", SLOTS / 4);
    }
    step_count = 0; /* not configured while the table is rebuilt */
    memset(slots, 0, sizeof slots);
    pair_count = 0;
    spelling_count = 0;
    spelling_units = OUT;
    for (Py_ssize_t i = 0; i < total; i++) {
        PyObject *a_item, *b_item;
        int step, touching;
        Py_UCS4 a_letters[2], b_letters[2];
        Py_ssize_t a_length, b_length;
        if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(pair_list, i), "OOip:pair", &a_item, &b_item, &step, &touching) ||
            (a_length = read_spelling(a_item, a_letters)) < 0 || (b_length = read_spelling(b_item, b_letters)) < 0) {
            Py_DECREF(pair_list);
            return NULL;
        }
        Py_UCS4 a = a_letters[0], b = b_letters[0];
        if ((a_length == 1 && b_length == 1 && a == b) || (step != SUBSTITUTION_FULL && (step < FIXED_STEPS || step >= count)) ||
            (a_length + b_length == 3 && (touching || step == SUBSTITUTION_FULL || spelling_count == MAX_SPELLINGS)) || a_length + b_length == 4) {
            Py_DECREF(pair_list);
            return PyErr_Format(PyExc_ValueError, "bad letter pair %zd", i);
        }
        if (a_length + b_length == 3) { /* two letters that look like one */
            const Py_UCS4 *two = a_length == 2 ? a_letters : b_letters;
            spellings[spelling_count++] = (Spelling){two[0], two[1], a_length == 2 ? b : a, step};
            if (new_units[step] < spelling_units)
                spelling_units = new_units[step];
            continue;
        }
        for (int order = 0; order < 2; order++) {
            Slot *slot = order ? find(b, a) : find(a, b);
            if (!slot->pair)
                pair_count++;
            slot->pair = order ? pair_code(b, a) : pair_code(a, b);
            slot->step = step;
            slot->neighbours = touching;
        }
    }
    Py_DECREF(pair_list);
    memcpy(step_units, new_units, sizeof(int64_t) * count);
    for (Py_ssize_t i = 0; i < MAX_STEPS; i++) {
        Py_XSETREF(step_edits[i], i < count ? Py_NewRef(PyTuple_GET_ITEM(edits, i)) : NULL);
    }
    Py_XSETREF(edit_type, (PyTypeObject *)Py_NewRef(edit_class));
    Py_XSETREF(alignment_type, (PyTypeObject *)Py_NewRef(alignment_class));
    step_count = count;
    Py_RETURN_NONE;
}

/* doubled[i]: letter i repeats a letter next to it. */
static void mark_doubled(const Py_UCS4 *word, Py_ssize_t length, char *doubled) {
    for (Py_ssize_t i = 0; i < length; i++)
        doubled[i] = (i > 0 && word[i - 1] == word[i]) || (i + 1 < length && word[i] == word[i + 1]);
}

/* What typing query letter i in excess costs: a doubled letter, a letter whose key touches a letter next to it, or a full edit. */
static int extra_step(const Py_UCS4 *query, Py_ssize_t length, const char *doubled, Py_ssize_t i) {
    if (doubled[i])
        return EXTRA_DOUBLED;
    if ((i > 0 && neighbours(query[i - 1], query[i])) || (i + 1 < length && neighbours(query[i], query[i + 1])))
        return EXTRA_NEIGHBOURS;
    return EXTRA_FULL;
}

static int64_t cell_step(int step, int rank) { return step_units[step] << 10 | 8 | rank; }

/* A tuple subclass's instance of these items (stolen; NULL if one is: an error is set). */
static PyObject *named_tuple(PyTypeObject *type, PyObject **items, Py_ssize_t count) {
    PyObject *made = NULL;
    for (Py_ssize_t i = 0; i < count; i++)
        if (!items[i])
            goto fail;
    if (!(made = type->tp_alloc(type, count)))
        goto fail;
    for (Py_ssize_t i = 0; i < count; i++)
        PyTuple_SET_ITEM(made, i, items[i]);
    return made;
fail:
    for (Py_ssize_t i = 0; i < count; i++)
        Py_XDECREF(items[i]);
    return NULL;
}

/* The Edit of a step: Edit(kind, query letters, key letters, cost, why, position). */
static PyObject *make_edit(int step, PyObject *query, Py_ssize_t q_start, Py_ssize_t q_stop, PyObject *key, Py_ssize_t k_start,
                           Py_ssize_t k_stop, Py_ssize_t position) {
    PyObject *edit = step_edits[step];
    PyObject *items[6] = {Py_NewRef(PyTuple_GET_ITEM(edit, 0)), PyUnicode_Substring(query, q_start, q_stop), PyUnicode_Substring(key, k_start, k_stop),
                          Py_NewRef(PyTuple_GET_ITEM(edit, 1)), Py_NewRef(PyTuple_GET_ITEM(edit, 2)), PyLong_FromSsize_t(position)};
    return named_tuple(edit_type, items, 6);
}

/* Fill the band and trace the cheapest path back; the arrays hold the whole words, the window starts at `prefix`;
   `multi`: either word holds a two-letter look-alike spelling, so two letters may stand for one (rn for m). */
static PyObject *band(PyObject *query_object, PyObject *key_object, const Py_UCS4 *query, Py_ssize_t query_length, const Py_UCS4 *key,
                      Py_ssize_t key_length, const char *query_doubled, const char *key_doubled, Py_ssize_t prefix, Py_ssize_t suffix,
                      int64_t limit, int multi) {
    Py_ssize_t n = query_length - prefix - suffix, m = key_length - prefix - suffix;
    /* A path through cell (i, j) leaves the diagonal at least |i - j| + |n - m - (i - j)| times, each at the
       doubling cost or more (or a look-alike's: rn for m leaves it too): i - j lies between `low` and `high`, or
       the cell is out of reach. */
    int64_t off_diagonal = multi && spelling_units < step_units[MISSING_DOUBLED] ? spelling_units : step_units[MISSING_DOUBLED];
    int64_t slack = limit / off_diagonal - (n > m ? n - m : m - n);
    if (slack < 0)
        Py_RETURN_NONE;
    int64_t low = (n < m ? n - m : 0) - slack / 2, high = (n > m ? n - m : 0) + slack / 2;
    const Py_UCS4 *q = query + prefix, *k = key + prefix;
    Py_ssize_t width = m + 1, cells = (n + 1) * width;
    int64_t stack_cells[STACK_CELLS], stack_missing[STACK_LETTERS], stack_extra[STACK_LETTERS];
    int64_t *best = stack_cells, *missing = stack_missing, *extra = stack_extra;
    PyObject *result = NULL, *edits = NULL;
    if (cells > STACK_CELLS)
        best = PyMem_Malloc(sizeof(int64_t) * cells);
    if (m > STACK_LETTERS)
        missing = PyMem_Malloc(sizeof(int64_t) * m);
    if (n > STACK_LETTERS)
        extra = PyMem_Malloc(sizeof(int64_t) * n);
    if (!best || !missing || !extra) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t j = 0; j < m; j++)
        missing[j] = cell_step(key_doubled[prefix + j] ? MISSING_DOUBLED : MISSING_FULL, RANK_MISSING);
    for (Py_ssize_t i = 0; i < n; i++)
        extra[i] = cell_step(extra_step(query, query_length, query_doubled, prefix + i), RANK_EXTRA);
    for (Py_ssize_t c = 0; c < cells; c++)
        best[c] = OUT;
    const int64_t swap = cell_step(TRANSPOSITION, RANK_TRANSPOSITION), keep = ~(int64_t)7;
    best[0] = 0;
    int64_t previous_row = 0;
    for (Py_ssize_t j = 1; j <= m && j <= -low; j++)
        best[j] = (best[j - 1] & keep) + missing[j - 1];
    for (Py_ssize_t j = 1; j <= m; j++)
        if (best[j] < previous_row)
            previous_row = best[j];
    previous_row >>= 10;
    for (Py_ssize_t i = 1; i <= n; i++) {
        int64_t *row = best + i * width, *above = row - width, added = extra[i - 1];
        Py_UCS4 letter = q[i - 1];
        Py_ssize_t start = i - high > 0 ? (Py_ssize_t)(i - high) : 0, stop = i - low < m ? (Py_ssize_t)(i - low) : m;
        if (!start) {
            row[0] = (above[0] & keep) + added;
            start = 1;
        }
        for (Py_ssize_t j = start; j <= stop; j++) {
            int64_t cell = (row[j - 1] & keep) + missing[j - 1], other = (above[j] & keep) + added;
            if (other < cell)
                cell = other;
            if (letter == k[j - 1])
                other = (above[j - 1] & keep) | RANK_EQUAL;
            else {
                other = (above[j - 1] & keep) + cell_step(substitution_step(letter, k[j - 1]), RANK_SUBSTITUTION);
                if (i > 1 && j > 1 && q[i - 2] == k[j - 1] && letter == k[j - 2]) {
                    int64_t swapped = (above[-width + j - 2] & keep) + swap;
                    if (swapped < other)
                        other = swapped;
                }
            }
            if (other < cell)
                cell = other;
            if (multi) { /* two letters that look like one: m for rn, rn for m */
                int step = j > 1 ? spelling_step(k[j - 2], k[j - 1], letter) : -1;
                if (step >= 0 && (other = (above[j - 2] & keep) + cell_step(step, RANK_ONE_FOR_TWO)) < cell)
                    cell = other;
                step = i > 1 ? spelling_step(q[i - 2], letter, k[j - 1]) : -1;
                if (step >= 0 && (other = (above[-width + j - 1] & keep) + cell_step(step, RANK_TWO_FOR_ONE)) < cell)
                    cell = other;
            }
            row[j] = cell;
        }
        int64_t row_best = row[0];
        for (Py_ssize_t j = 1; j <= m; j++)
            if (row[j] < row_best)
                row_best = row[j];
        row_best >>= 10;
        if (row_best > limit && previous_row > limit) {
            result = Py_None; /* every path crosses this row or the one before (a step spans two at most) */
            Py_INCREF(result);
            goto done;
        }
        previous_row = row_best;
    }
    if (best[cells - 1] >> 10 > limit) {
        result = Py_None;
        Py_INCREF(result);
        goto done;
    }
    if (!(edits = PyList_New(0)))
        goto done;
    for (Py_ssize_t i = n, j = m; i || j;) {
        int rank = (int)(best[i * width + j] & 7);
        Py_ssize_t qi = prefix + i, kj = prefix + j;
        PyObject *edit = NULL;
        if (rank == RANK_MISSING) {
            edit = make_edit(key_doubled[kj - 1] ? MISSING_DOUBLED : MISSING_FULL, query_object, qi, qi, key_object, kj - 1, kj, kj - 1);
            j--;
        } else if (rank == RANK_EXTRA) {
            edit = make_edit(extra_step(query, query_length, query_doubled, qi - 1), query_object, qi - 1, qi, key_object, kj, kj, kj);
            i--;
        } else if (rank == RANK_TRANSPOSITION) {
            edit = make_edit(TRANSPOSITION, query_object, qi - 2, qi, key_object, kj - 2, kj, kj - 2);
            i -= 2;
            j -= 2;
        } else if (rank == RANK_ONE_FOR_TWO) {
            edit = make_edit(spelling_step(key[kj - 2], key[kj - 1], query[qi - 1]), query_object, qi - 1, qi, key_object, kj - 2, kj, kj - 2);
            i--;
            j -= 2;
        } else if (rank == RANK_TWO_FOR_ONE) {
            edit = make_edit(spelling_step(query[qi - 2], query[qi - 1], key[kj - 1]), query_object, qi - 2, qi, key_object, kj - 1, kj, kj - 1);
            i -= 2;
            j--;
        } else {
            if (rank == RANK_SUBSTITUTION)
                edit = make_edit(substitution_step(query[qi - 1], key[kj - 1]), query_object, qi - 1, qi, key_object, kj - 1, kj, kj - 1);
            i--;
            j--;
            if (rank == RANK_EQUAL)
                continue;
        }
        if (!edit || PyList_Append(edits, edit) < 0) {
            Py_XDECREF(edit);
            goto done;
        }
        Py_DECREF(edit);
    }
    if (PyList_Reverse(edits) < 0)
        goto done;
    PyObject *items[2] = {PyFloat_FromDouble((double)(best[cells - 1] >> 10) / 100.0), PyList_AsTuple(edits)};
    result = named_tuple(alignment_type, items, 2);
done:
    Py_XDECREF(edits);
    if (best != stack_cells)
        PyMem_Free(best);
    if (missing != stack_missing)
        PyMem_Free(missing);
    if (extra != stack_extra)
        PyMem_Free(extra);
    return result;
}

static Py_UCS4 *letters_of(PyObject *word, Py_UCS4 *buffer) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(word);
    if (length <= STACK_LETTERS)
        return PyUnicode_AsUCS4(word, buffer, STACK_LETTERS, 0) ? buffer : NULL;
    return PyUnicode_AsUCS4Copy(word);
}

static PyObject *align_band(PyObject *self, PyObject *args) {
    PyObject *query_object, *key_object;
    long long limit;
    if (!PyArg_ParseTuple(args, "UUL:align_band", &query_object, &key_object, &limit))
        return NULL;
    if (!step_count) {
        PyErr_SetString(PyExc_RuntimeError, "namenorm._speedups is not configured");
        return NULL;
    }
    if (limit < 0)
        Py_RETURN_NONE;
    Py_UCS4 query_buffer[STACK_LETTERS], key_buffer[STACK_LETTERS];
    char stack_doubled[2 * STACK_LETTERS];
    Py_ssize_t n = PyUnicode_GET_LENGTH(query_object), m = PyUnicode_GET_LENGTH(key_object);
    Py_UCS4 *query = letters_of(query_object, query_buffer), *key = query ? letters_of(key_object, key_buffer) : NULL;
    char *doubled = n + m <= 2 * STACK_LETTERS ? stack_doubled : PyMem_Malloc(n + m + 1);
    PyObject *result = NULL;
    if (!query || !key || !doubled) {
        if (!doubled)
            PyErr_NoMemory();
        goto done;
    }
    char *query_doubled = doubled, *key_doubled = doubled + n;
    mark_doubled(query, n, query_doubled);
    mark_doubled(key, m, key_doubled);
    /* The window: equal ends cost nothing; it keeps one letter of each, and widens past repeated letters
       at its edges, so that swaps and doublings across its edges are seen (namenorm.edits._window); none where
       a two-letter spelling may reach across its edges. */
    int multi = has_spelling(query, n) || has_spelling(key, m);
    Py_ssize_t shorter = n < m ? n : m, prefix = 0, suffix = 0;
    if (!multi) {
        while (prefix < shorter && query[prefix] == key[prefix])
            prefix++;
        while (suffix < shorter - prefix && query[n - 1 - suffix] == key[m - 1 - suffix])
            suffix++;
        prefix = prefix > 0 ? prefix - 1 : 0;
        while (prefix && key_doubled[prefix - 1])
            prefix--;
        suffix = suffix > 0 ? suffix - 1 : 0;
        while (suffix && key_doubled[m - suffix])
            suffix--;
    }
    result = band(query_object, key_object, query, n, key, m, query_doubled, key_doubled, prefix, suffix, (int64_t)limit, multi);
done:
    if (query && query != query_buffer)
        PyMem_Free(query);
    if (key && key != key_buffer)
        PyMem_Free(key);
    if (doubled && doubled != stack_doubled)
        PyMem_Free(doubled);
    return result;
}

/* Near tokens (TokenIndex.near; its deletion lookup: TokenIndex._deletion_neighbours): the query's deletion strings are made as UTF-8,
   hashed with CRC-32 (zlib.crc32's) and looked up among the index's sorted hashes. */

static uint32_t crc_table[256];

static void make_crc_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

static uint32_t crc32_of(const char *bytes, Py_ssize_t length) {
    uint32_t c = 0xFFFFFFFFu;
    for (Py_ssize_t i = 0; i < length; i++)
        c = crc_table[(c ^ (unsigned char)bytes[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

typedef struct {
    const char *utf8;        /* the query's bytes */
    const Py_ssize_t *start; /* start[i]: where letter i begins in them; start[letters]: their length */
    Py_ssize_t letters;
    char *gone;     /* gone[i]: letter i is deleted */
    char *text;     /* room for one deletion string */
    uint32_t *codes; /* the hash of each deletion string */
    Py_ssize_t count;
} Deletions;

/* Hash the string made by deleting the letters `gone`, then those made by deleting up to `more` further letters,
   at positions from `from` on (each set of positions once). */
static void delete_letters(Deletions *d, Py_ssize_t from, int more) {
    char *out = d->text;
    for (Py_ssize_t i = 0; i < d->letters; i++)
        if (!d->gone[i]) {
            memcpy(out, d->utf8 + d->start[i], d->start[i + 1] - d->start[i]);
            out += d->start[i + 1] - d->start[i];
        }
    d->codes[d->count++] = crc32_of(d->text, out - d->text);
    if (!more)
        return;
    for (Py_ssize_t i = from; i < d->letters; i++) {
        d->gone[i] = 1;
        delete_letters(d, i + 1, more - 1);
        d->gone[i] = 0;
    }
}

static int by_code(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int read_array(PyObject *object, Py_buffer *view, const char *name) {
    if (PyObject_GetBuffer(object, view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return -1;
    if (view->itemsize != 4 || !view->format || strcmp(view->format, "I") != 0) {
        PyBuffer_Release(view);
        PyErr_Format(PyExc_TypeError, "%s must be an array('I') of 4-byte items", name);
        return -1;
    }
    return 0;
}

/* The ids of the candidate tokens. */
typedef struct {
    uint32_t *ids;
    Py_ssize_t count;
} Candidates;

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch(address)
#else
#define PREFETCH(address) ((void)0)
#endif

/* The first of hashes[low:stop] not below code. */
static Py_ssize_t first_at_least(const uint32_t *hashes, uint32_t code, Py_ssize_t low, Py_ssize_t stop) {
    while (low < stop) {
        Py_ssize_t middle = low + (stop - low) / 2;
        if (hashes[middle] < code)
            low = middle + 1;
        else
            stop = middle;
    }
    return low;
}

/* Find the ids of the tokens that share a string made by deleting up to `allowed` letters from the query,
   ascending, each once, in found->ids (for the caller to free); the arrays are those of a TokenIndex, checked. The lookups of the query's strings read
   memory independently of each other: each stage asks for the lines all of them read next (PREFETCH) before
   reading any, so that their cache misses overlap. */
static int deletion_neighbours(PyObject *query, int allowed, const Py_buffer *views, Candidates *found) {
    const uint32_t *hashes = views[0].buf, *tokens = views[1].buf, *starts = views[2].buf;
    Py_ssize_t buckets = views[2].len / 4 - 1, size, *range = NULL;
    int prefix_bits = 0, status = -1;
    while (prefix_bits < 32 && ((Py_ssize_t)1 << prefix_bits) < buckets)
        prefix_bits++;
    if (buckets < 1 || ((Py_ssize_t)1 << prefix_bits) != buckets || views[1].len != views[0].len || starts[buckets] != views[0].len / 4) {
        PyErr_SetString(PyExc_ValueError, "the arrays do not make a deletion index");
        return -1;
    }
    const char *utf8 = PyUnicode_AsUTF8AndSize(query, &size);
    if (!utf8)
        return -1;
    Deletions d = {utf8, NULL, PyUnicode_GET_LENGTH(query), NULL, NULL, NULL, 0};
    Py_ssize_t variants = 1, choose = 1, *start = PyMem_Malloc(sizeof(Py_ssize_t) * (d.letters + 1));
    for (int r = 1; r <= allowed && r <= d.letters; r++) {
        choose = choose * (d.letters - r + 1) / r;
        variants += choose;
    }
    d.gone = PyMem_Calloc(d.letters + 1, 1);
    d.text = PyMem_Malloc(size + 1);
    d.codes = PyMem_Malloc(sizeof(uint32_t) * variants);
    range = PyMem_Malloc(sizeof(Py_ssize_t) * 2 * variants);
    if (!start || !d.gone || !d.text || !d.codes || !range) {
        PyErr_NoMemory();
        goto free;
    }
    for (Py_ssize_t i = 0, at = 0; i <= d.letters; i++) {
        start[i] = at;
        if (i < d.letters) { /* a UTF-8 lead byte tells how many bytes its letter takes */
            unsigned char lead = (unsigned char)utf8[at];
            at += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        }
    }
    d.start = start;
    delete_letters(&d, 0, allowed < d.letters ? allowed : (int)d.letters);
    qsort(d.codes, d.count, sizeof(uint32_t), by_code);
    Py_ssize_t codes = 0; /* each string once (the same string is made by deleting other letters) */
    for (Py_ssize_t h = 0; h < d.count; h++)
        if (!codes || d.codes[codes - 1] != d.codes[h])
            d.codes[codes++] = d.codes[h];
    const int shift = 32 - prefix_bits;
#define BUCKET(code) (prefix_bits ? (code) >> shift : 0)
    for (Py_ssize_t h = 0; h < codes; h++)
        PREFETCH(starts + BUCKET(d.codes[h]));
    for (Py_ssize_t h = 0; h < codes; h++) { /* each string's bucket of hashes */
        uint32_t bucket = BUCKET(d.codes[h]);
        range[2 * h] = starts[bucket];
        range[2 * h + 1] = starts[bucket + 1];
        if (range[2 * h] > range[2 * h + 1] || range[2 * h + 1] > starts[buckets])
            range[2 * h] = range[2 * h + 1] = 0; /* not a sorted index: nothing found */
        for (Py_ssize_t at = range[2 * h]; at < range[2 * h + 1]; at += 64 / sizeof(uint32_t))
            PREFETCH(hashes + at);
    }
#undef BUCKET
    Py_ssize_t total = 0;
    for (Py_ssize_t h = 0; h < codes; h++) { /* where the string's hash is, in its bucket */
        Py_ssize_t first = first_at_least(hashes, d.codes[h], range[2 * h], range[2 * h + 1]), stop = first;
        while (stop < range[2 * h + 1] && hashes[stop] == d.codes[h])
            stop++;
        range[2 * h] = first;
        range[2 * h + 1] = stop;
        total += stop - first;
        if (stop > first)
            PREFETCH(tokens + first);
    }
    if (!(found->ids = PyMem_Malloc(sizeof(uint32_t) * (total + 1)))) {
        PyErr_NoMemory();
        goto free;
    }
    for (Py_ssize_t h = 0; h < codes; h++)
        for (Py_ssize_t at = range[2 * h]; at < range[2 * h + 1]; at++)
            found->ids[found->count++] = tokens[at];
    qsort(found->ids, found->count, sizeof(uint32_t), by_code);
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < found->count; i++)
        if (!kept || found->ids[kept - 1] != found->ids[i])
            found->ids[kept++] = found->ids[i];
    found->count = kept;
    status = 0;
free:
    PyMem_Free(start);
    PyMem_Free(d.gone);
    PyMem_Free(d.text);
    PyMem_Free(d.codes);
    PyMem_Free(range);
    return status;
}

/* The optimal string alignment distance of a and b (rapidfuzz.distance.OSA.distance: Levenshtein with adjacent
   transpositions, on code points) if at most `cutoff`, else cutoff + 1. Only the band of cells within `cutoff` of
   the diagonal is filled (and the cells beside it, out of reach): a cell off it costs more. `rows` has room for
   3 * (m + 1) numbers. */
static int osa_within(const Py_UCS4 *a, Py_ssize_t n, const Py_UCS4 *b, Py_ssize_t m, int cutoff, int *rows) {
    const int over = cutoff + 1;
    if (n - m > cutoff || m - n > cutoff)
        return over;
    int *before = rows, *above = rows + (m + 1), *row = rows + 2 * (m + 1); /* rows i - 2, i - 1 and i */
    for (Py_ssize_t j = 0; j <= m; j++) /* row 0 */
        above[j] = j < over ? (int)j : over;
    int above_best = 0;
    for (Py_ssize_t i = 1; i <= n; i++) {
        Py_ssize_t first = i - cutoff > 1 ? i - cutoff : 1, last = i + cutoff < m ? i + cutoff : m;
        row[0] = i < over ? (int)i : over;
        row[first - 1] = first > 1 ? over : row[0]; /* the cells beside the band: out of reach */
        if (last < m)
            row[last + 1] = over;
        int best = row[0];
        for (Py_ssize_t j = first; j <= last; j++) {
            int cell = above[j - 1] + (a[i - 1] != b[j - 1]);
            if (above[j] + 1 < cell)
                cell = above[j] + 1;
            if (row[j - 1] + 1 < cell)
                cell = row[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && before[j - 2] + 1 < cell)
                cell = before[j - 2] + 1;
            row[j] = cell < over ? cell : over;
            if (row[j] < best)
                best = row[j];
        }
        if (best >= over && above_best >= over)
            return over; /* every path crosses this row or the one before (a transposition spans two) */
        above_best = best;
        int *free_row = before;
        before = above;
        above = row;
        row = free_row;
    }
    return above[m];
}
/* near_tokens(query, allowed, hashes, tokens, starts, names, budgets): what TokenIndex.near's reference path finds
 * (the exact token too, at 0): the tokens sharing a deletion string with the query, each kept when its OSA distance
 * to the query is within `allowed` and within its own budget (budgets[token id]). */
static PyObject *near_tokens(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    static const char *names_of[] = {"hashes", "tokens", "starts"};
    if (nargs != 7 || !PyUnicode_Check(args[0]) || !PyLong_Check(args[1]) || !PyTuple_Check(args[5])) {
        PyErr_SetString(PyExc_TypeError, "near_tokens(query, allowed, hashes, tokens, starts, names, budgets): names a tuple");
        return NULL;
    }
    PyObject *query = args[0], *names = args[5], *found = NULL;
    long allowed = PyLong_AsLong(args[1]);
    if (allowed == -1 && PyErr_Occurred())
        return NULL;
    if (allowed < 0 || allowed > 2)
        return PyErr_Format(PyExc_ValueError, "allowed deletions must be 0 to 2, not %ld", allowed);
    Py_buffer views[3], budget_view;
    int views_read = 0, budgets_read = 0;
    for (; views_read < 3; views_read++)
        if (read_array(args[2 + views_read], &views[views_read], names_of[views_read]) < 0)
            goto done;
    if (PyObject_GetBuffer(args[6], &budget_view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        goto done;
    budgets_read = 1;
    Py_ssize_t token_count = PyTuple_GET_SIZE(names);
    if (budget_view.itemsize != 1 || !budget_view.format || strcmp(budget_view.format, "B") != 0 || budget_view.len != token_count) {
        PyErr_SetString(PyExc_TypeError, "budgets must be an array('B') of one budget per token");
        goto done;
    }
    const unsigned char *budgets = budget_view.buf;
    Candidates candidates = {NULL, 0};
    Py_ssize_t n = PyUnicode_GET_LENGTH(query), room = 0;
    Py_UCS4 *a = PyUnicode_AsUCS4Copy(query), *b = NULL;
    int *rows = NULL;
    if (!a || deletion_neighbours(query, (int)allowed, views, &candidates) < 0 || !(found = PyDict_New()))
        goto free;
    PyObject **items = &PyTuple_GET_ITEM(names, 0);
    for (Py_ssize_t c = 0; c < candidates.count; c++) { /* as in deletion_neighbours(): the reads of all first */
        if (candidates.ids[c] >= token_count) {
            PyErr_SetString(PyExc_ValueError, "a token id of the deletion index is out of range");
            goto fail;
        }
        PREFETCH(items + candidates.ids[c]);
        PREFETCH(budgets + candidates.ids[c]);
    }
    for (Py_ssize_t c = 0; c < candidates.count; c++) {
        PREFETCH(items[candidates.ids[c]]);
        PREFETCH((char *)items[candidates.ids[c]] + 64);
    }
    for (Py_ssize_t c = 0; c < candidates.count; c++) {
        uint32_t id = candidates.ids[c];
        PyObject *token = items[id];
        if (!PyUnicode_Check(token)) {
            PyErr_SetString(PyExc_TypeError, "names must be strings");
            goto fail;
        }
        Py_ssize_t m = PyUnicode_GET_LENGTH(token);
        int cutoff = budgets[id] < allowed ? budgets[id] : (int)allowed;
        if (n - m > cutoff || m - n > cutoff)
            continue;
        if (m + 1 > room) {
            room = 2 * (m + 1);
            PyMem_Free(b);
            PyMem_Free(rows);
            b = PyMem_Malloc(sizeof(Py_UCS4) * room);
            rows = PyMem_Malloc(sizeof(int) * 3 * room);
            if (!b || !rows) {
                PyErr_NoMemory();
                goto fail;
            }
        }
        if (!PyUnicode_AsUCS4(token, b, room, 0))
            goto fail;
        int distance = osa_within(a, n, b, m, cutoff, rows);
        if (distance > cutoff)
            continue;
        PyObject *key = PyLong_FromUnsignedLong(id), *value = key ? PyLong_FromLong(distance) : NULL;
        int added = value ? PyDict_SetItem(found, key, value) : -1;
        Py_XDECREF(key);
        Py_XDECREF(value);
        if (added < 0)
            goto fail;
    }
    goto free;
fail:
    Py_CLEAR(found);
free:
    PyMem_Free(candidates.ids);
    PyMem_Free(a);
    PyMem_Free(b);
    PyMem_Free(rows);
done:
    if (budgets_read)
        PyBuffer_Release(&budget_view);
    while (views_read--)
        PyBuffer_Release(&views[views_read]);
    return found;
}

/* keys_with_all(near, groups, group, starts, keys): the ids of the keys that hold a token of each of the collections
 * of token ids `near` (one per query word), among the keys of posting group `group`, ascending: what
 * namenorm.matcher.Matcher._find_near_keys's Python path finds by intersecting sets (tests compare them). The
 * postings of token t in group g are keys[starts[t * groups + g]:starts[t * groups + g + 1]], ascending (as
 * TokenIndex.build makes them): the keys of the word with the fewest postings are the candidates, and each other
 * word keeps those it finds in its postings by galloping searches, no Python object made but the answer's. */

typedef struct {
    uint32_t start, stop;
} Range;

/* The first of a[low:stop] not below value, searched from low in growing steps (the candidates ascend). */
static Py_ssize_t gallop(const uint32_t *a, Py_ssize_t low, Py_ssize_t stop, uint32_t value) {
    Py_ssize_t step = 1, high = low;
    while (high < stop && a[high] < value) {
        low = high + 1;
        high = low + step;
        step <<= 1;
    }
    return first_at_least(a, value, low, high < stop ? high : stop);
}

/* Read one word's token ids as posting ranges (appended at ranges[*count...]); return their total length, or -1. */
static Py_ssize_t read_ranges(PyObject *tokens, long groups, long group, const uint32_t *starts, Py_ssize_t slots, Py_ssize_t posted,
                              Range **ranges, Py_ssize_t *count, Py_ssize_t *room) {
    PyObject *iterator = PyObject_GetIter(tokens), *item;
    Py_ssize_t total = 0;
    if (!iterator)
        return -1;
    while ((item = PyIter_Next(iterator))) {
        unsigned long long token = PyLong_AsUnsignedLongLong(item);
        Py_DECREF(item);
        if (token == (unsigned long long)-1 && PyErr_Occurred())
            break;
        Py_ssize_t slot = (Py_ssize_t)(token * groups + group);
        if (token >= (unsigned long long)(slots / groups) || slot + 1 >= slots || starts[slot] > starts[slot + 1] || starts[slot + 1] > posted) {
            PyErr_SetString(PyExc_ValueError, "a token id out of range, or postings that are no index");
            break;
        }
        if (*count == *room) {
            Range *grown = PyMem_Realloc(*ranges, sizeof(Range) * (*room = 2 * *room + 16));
            if (!grown) {
                PyErr_NoMemory();
                break;
            }
            *ranges = grown;
        }
        (*ranges)[(*count)++] = (Range){starts[slot], starts[slot + 1]};
        total += starts[slot + 1] - starts[slot];
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : total;
}

static PyObject *keys_with_all(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5 || !PyList_Check(args[0]) || !PyLong_Check(args[1]) || !PyLong_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "keys_with_all(near, groups, group, starts, keys): near a list");
        return NULL;
    }
    long groups = PyLong_AsLong(args[1]), group = PyLong_AsLong(args[2]);
    if (groups < 1 || group < 0 || group >= groups)
        return PyErr_Format(PyExc_ValueError, "group %ld of %ld groups", group, groups);
    Py_buffer views[2];
    int views_read = 0;
    Py_ssize_t words = PyList_GET_SIZE(args[0]), count = 0, room = 0, *first = NULL, *totals = NULL, candidates = 0;
    Range *ranges = NULL;
    uint32_t *kept = NULL;
    PyObject *found = NULL;
    for (; views_read < 2; views_read++)
        if (read_array(args[3 + views_read], &views[views_read], views_read ? "keys" : "starts") < 0)
            goto done;
    const uint32_t *starts = views[0].buf, *keys = views[1].buf;
    Py_ssize_t slots = views[0].len / 4, posted = views[1].len / 4;
    first = PyMem_Malloc(sizeof(Py_ssize_t) * (words + 1));
    totals = PyMem_Malloc(sizeof(Py_ssize_t) * (words + 1));
    if (!first || !totals) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t fewest = 0;
    for (Py_ssize_t w = 0; w < words; w++) { /* each word's ranges: ranges[first[w]:first[w + 1]] */
        first[w] = count;
        if ((totals[w] = read_ranges(PyList_GET_ITEM(args[0], w), groups, group, starts, slots, posted, &ranges, &count, &room)) < 0)
            goto done;
        if (totals[w] < totals[fewest])
            fewest = w;
    }
    first[words] = count;
    if (words && totals[fewest]) { /* the candidates: the fewest postings, ascending, each once */
        if (!(kept = PyMem_Malloc(sizeof(uint32_t) * totals[fewest]))) {
            PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t r = first[fewest]; r < first[fewest + 1]; r++)
            for (uint32_t at = ranges[r].start; at < ranges[r].stop; at++)
                kept[candidates++] = keys[at];
        if (first[fewest + 1] - first[fewest] > 1) {
            qsort(kept, candidates, sizeof(uint32_t), by_code);
            Py_ssize_t unique = 0;
            for (Py_ssize_t c = 0; c < candidates; c++)
                if (!unique || kept[unique - 1] != kept[c])
                    kept[unique++] = kept[c];
            candidates = unique;
        }
    }
    for (Py_ssize_t w = 0; w < words && candidates; w++) { /* keep the candidates each other word holds */
        if (w == fewest)
            continue;
        char *hit = PyMem_Calloc(candidates, 1);
        if (!hit) {
            PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t r = first[w]; r < first[w + 1]; r++) {
            Py_ssize_t at = ranges[r].start, stop = ranges[r].stop;
            for (Py_ssize_t c = 0; c < candidates && at < stop; c++) {
                at = gallop(keys, at, stop, kept[c]);
                if (at < stop && keys[at] == kept[c])
                    hit[c] = 1;
            }
        }
        Py_ssize_t left = 0;
        for (Py_ssize_t c = 0; c < candidates; c++)
            if (hit[c])
                kept[left++] = kept[c];
        candidates = left;
        PyMem_Free(hit);
    }
    if (!(found = PyList_New(candidates)))
        goto done;
    for (Py_ssize_t c = 0; c < candidates; c++) {
        PyObject *key_id = PyLong_FromUnsignedLong(kept[c]);
        if (!key_id) {
            Py_CLEAR(found);
            goto done;
        }
        PyList_SET_ITEM(found, c, key_id);
    }
done:
    PyMem_Free(first);
    PyMem_Free(totals);
    PyMem_Free(ranges);
    PyMem_Free(kept);
    while (views_read--)
        PyBuffer_Release(&views[views_read]);
    return found;
}

/* cheapest_order(words, near, target, ids, cache, word_alignment, reorder_cost): what
 * namenorm.word_orders.cheapest_order_reference gives (the readable reference path, which tests compare it with):
 * the cheapest rotation of a key's words aligned one to one with the query's words, as (cost, edits, shift), or
 * None. The cells of the word x key word matrix are read from the cache dict by (word number, token id), or
 * aligned by calling word_alignment(word, token) and kept there, row by row, up to the first row of no
 * alignment; a cell whose token is not among the word's near tokens is empty. The cheapest rotation (the
 * alignments' costs summed, plus reorder_cost for a shift) wins, then the one with fewest edits, then the lowest
 * shift. */

#define STACK_WORDS 8

/* The cell of word i and a key word: a new reference to its Alignment, Py_None if out of bounds, NULL on error. */
static PyObject *order_cell(PyObject *word, Py_ssize_t i, PyObject *token, PyObject *token_id, PyObject *near_word, PyObject *cache,
                            PyObject *word_alignment) {
    int near = PyDict_Contains(near_word, token_id);
    if (near <= 0)
        return near < 0 ? NULL : Py_NewRef(Py_None);
    PyObject *number = PyLong_FromSsize_t(i), *key = number ? PyTuple_Pack(2, number, token_id) : NULL, *cell = NULL;
    Py_XDECREF(number);
    if (!key)
        return NULL;
    if ((cell = PyDict_GetItemWithError(cache, key)))
        Py_INCREF(cell);
    else if (!PyErr_Occurred() && (cell = PyObject_CallFunctionObjArgs(word_alignment, word, token, NULL)) && PyDict_SetItem(cache, key, cell) < 0)
        Py_CLEAR(cell);
    Py_DECREF(key);
    if (cell && cell != Py_None && (!PyTuple_Check(cell) || PyTuple_GET_SIZE(cell) < 2 || !PyFloat_Check(PyTuple_GET_ITEM(cell, 0)) ||
                                    !PyTuple_Check(PyTuple_GET_ITEM(cell, 1)))) {
        PyErr_SetString(PyExc_TypeError, "a word alignment must be None or an Alignment(cost: float, edits: tuple)");
        Py_CLEAR(cell);
    }
    return cell;
}

/* The rotations' winner, once the matrix is filled (cells[i * n + j], NULL where empty): (cost, edits, shift) or None. */
static PyObject *best_rotation(PyObject **cells, Py_ssize_t n, double reorder_cost) {
    Py_ssize_t best_shift = -1, best_edits = 0;
    double best_cost = 0.0;
    for (Py_ssize_t shift = 0; shift < n; shift++) {
        double cost = 0.0;
        Py_ssize_t edits = 0, i = 0;
        for (; i < n; i++) {
            PyObject *cell = cells[i * n + (i + shift) % n];
            if (!cell)
                break;
            cost += PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(cell, 0));
            edits += PyTuple_GET_SIZE(PyTuple_GET_ITEM(cell, 1));
        }
        if (i < n)
            continue;
        cost += shift ? reorder_cost : 0.0;
        if (best_shift < 0 || cost < best_cost || (cost == best_cost && edits < best_edits)) {
            best_shift = shift;
            best_cost = cost;
            best_edits = edits;
        }
    }
    if (best_shift < 0)
        Py_RETURN_NONE;
    PyObject *edits = PyTuple_New(best_edits);
    if (!edits)
        return NULL;
    for (Py_ssize_t i = 0, at = 0; i < n; i++) {
        PyObject *cell_edits = PyTuple_GET_ITEM(cells[i * n + (i + best_shift) % n], 1);
        for (Py_ssize_t e = 0; e < PyTuple_GET_SIZE(cell_edits); e++)
            PyTuple_SET_ITEM(edits, at++, Py_NewRef(PyTuple_GET_ITEM(cell_edits, e)));
    }
    return Py_BuildValue("(dNn)", best_cost, edits, best_shift);
}

static PyObject *cheapest_order(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 7 || !PyList_Check(args[0]) || !PyList_Check(args[1]) || !PyList_Check(args[2]) || !PyDict_Check(args[3]) ||
        !PyDict_Check(args[4]) || !PyCallable_Check(args[5]) || !PyFloat_Check(args[6])) {
        PyErr_SetString(PyExc_TypeError,
                        "cheapest_order(words, near, target, ids, cache, word_alignment, reorder_cost): three lists, two dicts, a callable, a float");
        return NULL;
    }
    PyObject *words = args[0], *near = args[1], *target = args[2], *ids = args[3], *cache = args[4], *word_alignment = args[5];
    Py_ssize_t n = PyList_GET_SIZE(words);
    if (PyList_GET_SIZE(target) != n || PyList_GET_SIZE(near) != n) {
        PyErr_SetString(PyExc_ValueError, "a key of another number of words than the query, or near tokens of another number of words");
        return NULL;
    }
    PyObject *stack_cells[STACK_WORDS * STACK_WORDS], *stack_ids[STACK_WORDS], *result = NULL;
    PyObject **cells = n <= STACK_WORDS ? stack_cells : PyMem_Malloc(sizeof(PyObject *) * n * n);
    PyObject **token_ids = n <= STACK_WORDS ? stack_ids : PyMem_Malloc(sizeof(PyObject *) * n);
    Py_ssize_t ids_read = 0, filled = 0; /* token_ids[:ids_read] and cells[:filled] hold references (a cell: or NULL) */
    if (!cells || !token_ids) {
        PyErr_NoMemory();
        goto done;
    }
    for (; ids_read < n; ids_read++) {
        PyObject *token = PyList_GET_ITEM(target, ids_read), *token_id = PyDict_GetItemWithError(ids, token);
        if (!token_id) {
            if (!PyErr_Occurred())
                PyErr_SetObject(PyExc_KeyError, token);
            goto done;
        }
        token_ids[ids_read] = Py_NewRef(token_id);
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyList_GET_SIZE(words) != n || PyList_GET_SIZE(near) != n || PyList_GET_SIZE(target) != n) {
            PyErr_SetString(PyExc_RuntimeError, "the words changed during the alignment");
            goto done;
        }
        PyObject *near_word = PyList_GET_ITEM(near, i);
        if (!PyDict_Check(near_word)) {
            PyErr_SetString(PyExc_TypeError, "each word's near tokens must be a dict");
            goto done;
        }
        int any = 0;
        for (Py_ssize_t j = 0; j < n; j++) {
            PyObject *cell = order_cell(PyList_GET_ITEM(words, i), i, PyList_GET_ITEM(target, j), token_ids[j], near_word, cache, word_alignment);
            if (!cell)
                goto done;
            if (cell == Py_None)
                Py_CLEAR(cell);
            cells[filled++] = cell;
            any = any || cell;
        }
        if (!any) {
            result = Py_NewRef(Py_None);
            goto done;
        }
    }
    result = best_rotation(cells, n, PyFloat_AS_DOUBLE(args[6]));
done:
    while (ids_read--)
        Py_DECREF(token_ids[ids_read]);
    while (filled--)
        Py_XDECREF(cells[filled]);
    if (token_ids != stack_ids)
        PyMem_Free(token_ids);
    if (cells != stack_cells)
        PyMem_Free(cells);
    return result;
}

/* mask_chunks(text, window): the stretches of a text that namenorm.text._mask_chunks_reference gives (the
 * readable reference path, which tests compare it with): for each trigger (@, /, \ or a dot before a lower-case
 * ASCII letter) past the last stretch, from the last space, line break or tab before it (at most `window`
 * characters back, never before the last stretch's end) to the first whitespace after it (str.isspace). */

static int mask_trigger(int kind, const void *data, Py_ssize_t i, Py_ssize_t length) {
    Py_UCS4 c = PyUnicode_READ(kind, data, i), next;
    if (c == '@' || c == '/' || c == '\\')
        return 1;
    if (c != '.' || i + 1 >= length)
        return 0;
    next = PyUnicode_READ(kind, data, i + 1);
    return next >= 'a' && next <= 'z';
}

static PyObject *mask_chunks(PyObject *self, PyObject *args) {
    PyObject *text, *found, *chunk;
    Py_ssize_t back;
    if (!PyArg_ParseTuple(args, "Un:mask_chunks", &text, &back))
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), end = 0;
    if (!(found = PyList_New(0)))
        return NULL;
    for (Py_ssize_t at = 0; at < length; at++) {
        if (!mask_trigger(kind, data, at, length))
            continue;
        Py_ssize_t window = at - back > end ? at - back : end, start = window, stop = length;
        for (Py_ssize_t i = at - 1; i >= window; i--) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (c == ' ' || c == '\n' || c == '\t') {
                start = i + 1;
                break;
            }
        }
        for (Py_ssize_t i = at + 1; i < length; i++)
            if (Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
                stop = i;
                break;
            }
        if (!(chunk = Py_BuildValue("(nn)", start, stop)) || PyList_Append(found, chunk) < 0) {
            Py_XDECREF(chunk);
            Py_DECREF(found);
            return NULL;
        }
        Py_DECREF(chunk);
        end = stop;
        at = stop - 1; /* the next trigger looked at is past the stretch */
    }
    return found;
}

/* runs(text): an iterator over the runs of capitalised words that namenorm.text._runs_reference gives (the
 * readable reference path, namenorm.text_tokens.RUN, which tests compare it with): (start, end, after_start,
 * after_end) for each run, the last two -1 where no word follows it. A run opens at a capital (an upper- or
 * title-case letter below U+3000, or a Hangul syllable) that is not after a word character, nor after a word
 * character and an apostrophe; each word goes on with word characters, and apostrophes followed by word
 * characters; a separator (spaces with at most one line break, a line break, a hyphen or en dash, a dot and
 * spaces) and a capital join one more word; the word after the run is what follows one more separator. */

enum { CAPITAL = 1, WORD = 2, NAME_LETTER = 4, APOSTROPHE = 8, BLANK = 16 };

static uint8_t char_classes[0x10000]; /* the classes of each character of the Basic Multilingual Plane */

static int classes_of(Py_UCS4 c) {
    int found = 0;
    if (c == '_' || Py_UNICODE_ISALNUM(c)) /* \w, as the regex engine reads it in a str pattern */
        found |= WORD | NAME_LETTER;
    if (c >= 0x300 && c <= 0x36f) /* combining marks: [\w\u0300-\u036f] */
        found |= NAME_LETTER;
    if ((c < 0x3000 && (Py_UNICODE_ISUPPER(c) || Py_UNICODE_ISTITLE(c))) || (c >= 0xac00 && c <= 0xd7a3))
        found |= CAPITAL;
    if (c == '\'' || c == 0x2019 || c == 0x2bc)
        found |= APOSTROPHE;
    if (c == ' ' || c == '\t' || c == 0xa0)
        found |= BLANK;
    return found;
}

static void make_char_classes(void) {
    for (Py_UCS4 c = 0; c < 0x10000; c++)
        char_classes[c] = (uint8_t)classes_of(c);
}

static int classes(Py_UCS4 c) { return c < 0x10000 ? char_classes[c] : classes_of(c); }

typedef struct {
    PyObject_HEAD
    PyObject *text;
    int kind;
    const void *data;
    Py_ssize_t length, at;
} RunIter;

#define AT(i) PyUnicode_READ(it->kind, it->data, (i))

/* The end of the word characters and apostrophe-joined parts from i (TOKEN without its first letter). */
static Py_ssize_t word_end(RunIter *it, Py_ssize_t i) {
    for (;;) {
        while (i < it->length && (classes(AT(i)) & NAME_LETTER))
            i++;
        if (i + 1 < it->length && (classes(AT(i)) & APOSTROPHE) && (classes(AT(i + 1)) & NAME_LETTER))
            i += 2;
        else
            return i;
    }
}

static Py_ssize_t line_break(RunIter *it, Py_ssize_t i) { /* past \r?\n at i, or -1 */
    if (i < it->length && AT(i) == '\n')
        return i + 1;
    if (i + 1 < it->length && AT(i) == '\r' && AT(i + 1) == '\n')
        return i + 2;
    return -1;
}

static Py_ssize_t blanks(RunIter *it, Py_ssize_t i) {
    while (i < it->length && (classes(AT(i)) & BLANK))
        i++;
    return i;
}

/* The end of the separator at i (the first of its alternatives that fits, taken whole), or -1. */
static Py_ssize_t separator(RunIter *it, Py_ssize_t i) {
    if (i >= it->length)
        return -1;
    Py_UCS4 c = AT(i);
    Py_ssize_t past;
    if (classes(c) & BLANK) {
        i = blanks(it, i);
        past = line_break(it, i);
        return past < 0 ? i : blanks(it, past);
    }
    if ((past = line_break(it, i)) >= 0)
        return blanks(it, past);
    if (c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2013)
        return i + 1;
    if (c == '.')
        return blanks(it, i + 1);
    return -1;
}

/* The first capital at or after i (the length of the text if none), read without a switch per character. */
static Py_ssize_t next_capital(RunIter *it, Py_ssize_t i) {
    Py_ssize_t length = it->length;
    if (it->kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *text = it->data;
        while (i < length && !(char_classes[text[i]] & CAPITAL))
            i++;
    } else if (it->kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *text = it->data;
        while (i < length && !(char_classes[text[i]] & CAPITAL))
            i++;
    } else {
        const Py_UCS4 *text = it->data;
        while (i < length && !(classes(text[i]) & CAPITAL))
            i++;
    }
    return i;
}

static int opens(RunIter *it, Py_ssize_t i) {
    if (!(classes(AT(i)) & CAPITAL))
        return 0;
    if (i >= 1 && (classes(AT(i - 1)) & NAME_LETTER))
        return 0;
    return !(i >= 2 && (classes(AT(i - 1)) & APOSTROPHE) && (classes(AT(i - 2)) & WORD));
}

static PyObject *run_next(RunIter *it) {
    Py_ssize_t start = next_capital(it, it->at);
    while (start < it->length && !opens(it, start))
        start = next_capital(it, start + 1);
    if (start >= it->length) {
        it->at = it->length;
        return NULL;
    }
    Py_ssize_t end = word_end(it, start + 1), sep, after_start = -1, after_end = -1;
    while ((sep = separator(it, end)) >= 0 && sep < it->length && (classes(AT(sep)) & CAPITAL))
        end = word_end(it, sep + 1);
    if (sep >= 0 && sep < it->length && (classes(AT(sep)) & NAME_LETTER)) {
        after_start = sep;
        after_end = word_end(it, sep + 1);
    }
    it->at = end;
    Py_ssize_t fields[4] = {start, end, after_start, after_end};
    PyObject *run = PyTuple_New(4);
    for (int i = 0; run && i < 4; i++) {
        PyObject *number = PyLong_FromSsize_t(fields[i]);
        if (!number) {
            Py_CLEAR(run);
            break;
        }
        PyTuple_SET_ITEM(run, i, number);
    }
    return run;
}

static void run_dealloc(RunIter *it) {
    Py_XDECREF(it->text);
    Py_TYPE(it)->tp_free((PyObject *)it);
}

static PyTypeObject RunIterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "namenorm._speedups.RunIter",
    .tp_basicsize = sizeof(RunIter),
    .tp_dealloc = (destructor)run_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)run_next,
};

static PyObject *runs(PyObject *self, PyObject *args) {
    PyObject *text;
    if (!PyArg_ParseTuple(args, "U:runs", &text))
        return NULL;
    RunIter *it = PyObject_New(RunIter, &RunIterType);
    if (!it)
        return NULL;
    Py_INCREF(text);
    it->text = text;
    it->kind = PyUnicode_KIND(text);
    it->data = PyUnicode_DATA(text);
    it->length = PyUnicode_GET_LENGTH(text);
    it->at = 0;
    return (PyObject *)it;
}

/* untracked_tuple(cls, start, end, tail): cls(start, end, *tail) for a tuple subclass (a named tuple), taken out
 * of the garbage collector's sight when none of its items is tracked: it then can be in no reference cycle. The
 * collector does this to plain tuples, never to a subclass's, so a text's many mentions would otherwise make it
 * walk them all at every full collection (about a sixth of find()'s time on 10 MB). */
static PyObject *untracked_tuple(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyType_Check(args[0]) || !PyType_IsSubtype((PyTypeObject *)args[0], &PyTuple_Type) || !PyTuple_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "untracked_tuple(cls, start, end, tail): cls a tuple subclass, tail a tuple");
        return NULL;
    }
    PyTypeObject *cls = (PyTypeObject *)args[0];
    PyObject *tail = args[3];
    Py_ssize_t size = PyTuple_GET_SIZE(tail);
    PyObject *made = cls->tp_alloc(cls, size + 2);
    if (!made)
        return NULL;
    int atomic = 1;
    for (Py_ssize_t i = 0; i < size + 2; i++) {
        PyObject *item = i < 2 ? args[i + 1] : PyTuple_GET_ITEM(tail, i - 2);
        Py_INCREF(item);
        PyTuple_SET_ITEM(made, i, item);
        atomic = atomic && !PyObject_GC_IsTracked(item);
    }
    if (atomic && PyObject_GC_IsTracked(made))
        PyObject_GC_UnTrack(made);
    return made;
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_VARARGS,
     "configure(step_units, pairs, edit_class, alignment_class, step_edits): set each step's cost in hundredths, the letter pairs "
     "(a, b, substitution step or -1, keyboard neighbours) that substitute cheaply or touch on a keyboard (a or b may be two letters "
     "that look like the other one), the named tuples align_band() returns, and each step's (kind, cost, why)."},
    {"align_band", align_band, METH_VARARGS,
     "align_band(query, key, limit): align two words within a limit in hundredths: None, or "
     "Alignment(cost, (Edit(kind, query letters, key letters, cost, why, position in the key), ...))."},
    {"near_tokens", (PyCFunction)(void (*)(void))near_tokens, METH_FASTCALL,
     "near_tokens(query, allowed, hashes, tokens, starts, names, budgets): token id -> OSA distance, for the tokens sharing a "
     "string made by deleting up to `allowed` letters from the query and within `allowed` and their own budget of it "
     "(TokenIndex.near's reference path)."},
    {"keys_with_all", (PyCFunction)(void (*)(void))keys_with_all, METH_FASTCALL,
     "keys_with_all(near, groups, group, starts, keys): the ids of the keys of a posting group holding a token of each "
     "collection of token ids in the list `near`, ascending (Matcher._find_near_keys's Python path)."},
    {"cheapest_order", (PyCFunction)(void (*)(void))cheapest_order, METH_FASTCALL,
     "cheapest_order(words, near, target, ids, cache, word_alignment, reorder_cost): (cost, edits, shift) of the cheapest rotation of "
     "a key's words aligned one to one with the query's, or None (namenorm.word_orders.cheapest_order_reference)."},
    {"mask_chunks", mask_chunks, METH_VARARGS,
     "mask_chunks(text, window): the (start, end) stretches around URL, e-mail and path triggers that the URL mask reads "
     "(namenorm.text._mask_chunks_reference)."},
    {"runs", runs, METH_VARARGS,
     "runs(text): an iterator over the runs of capitalised words, (start, end, after_start, after_end), -1 for no word after "
     "(namenorm.text._runs_reference)."},
    {"untracked_tuple", (PyCFunction)(void (*)(void))untracked_tuple, METH_FASTCALL,
     "untracked_tuple(cls, start, end, tail): cls(start, end, *tail) for a tuple subclass, untracked by the garbage collector "
     "when none of its items is tracked (namenorm.text._tuple_reference)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "namenorm._speedups", "namenorm's compiled fast paths (typo alignment, near token search, keys near every word, word orders, URL mask stretches, runs of capitalised words, untracked mentions).",
                                    -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) {
    make_crc_table();
    make_char_classes();
    if (PyType_Ready(&RunIterType) < 0)
        return NULL;
    return PyModule_Create(&module);
}
