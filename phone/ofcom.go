package phone

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Block is one row of Ofcom's numbering tables: a block of UK numbers, its
// status and the communications provider it is allocated to.
type Block struct {
	Prefix      string // national significant digits without the leading 0, e.g. "906123"
	Status      string // stable code, e.g. "allocated", "free", "quarantined"
	Provider    string // empty when the block is not allocated
	AllocatedOn string // YYYY-MM-DD, empty when unknown
	Length      int    // national significant number length for the block (digits after the 0), 0 if unknown
	Table       string // which file it came from, e.g. "S9"
}

// Ofcom is an in-memory index of Ofcom's number-block tables. It is immutable
// after loading and safe for concurrent use.
type Ofcom struct {
	blocks  map[string]*Block
	tables  map[string]bool // which ranges (first national digit) are covered, e.g. "3", "7"
	minLen  int
	maxLen  int
	updated string // newest allocation date seen, as a rough data date
}

// Ofcom block-status codes, from the "Block Status" column.
var blockStatuses = map[string]string{
	"allocated":                "allocated",
	"allocated(closed range)":  "allocated_closed_range",
	"allocated (closed range)": "allocated_closed_range",
	"free":                     "free",
	"protected":                "protected",
	"quarantined":              "quarantined",
	"reserved":                 "reserved",
	"designated":               "designated",
	"withdrawn":                "withdrawn",
}

// maxOfcomFile caps one table. Ofcom's biggest non-geographic file is under
// 1 MB; a file many times that is not an Ofcom table.
const maxOfcomFile = 64 << 20

// LoadOfcom reads every S*.csv table in dir of fsys (Ofcom's "numbering data"
// downloads: S3, S5, S7, S8, S9, and S1/S10 if present). Files must keep
// Ofcom's column layout; a malformed file is an error naming the file and line,
// so a bad download never replaces good data.
func LoadOfcom(fsys fs.FS, dir string) (*Ofcom, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "S*.csv"))
	if err != nil {
		return nil, fmt.Errorf("ofcom: list %s: %w", dir, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("ofcom: no S*.csv tables in %s", dir)
	}
	sort.Strings(names)
	o := &Ofcom{blocks: make(map[string]*Block, 50000), tables: map[string]bool{}, minLen: 99}
	providers := map[string]string{} // interned: thousands of rows share a few hundred names
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("ofcom: %w", err)
		}
		table := strings.TrimSuffix(path.Base(name), ".csv")
		err = o.read(io.LimitReader(f, maxOfcomFile), table, providers)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("ofcom: %s: %w", name, err)
		}
	}
	if len(o.blocks) == 0 {
		return nil, errors.New("ofcom: the tables hold no number blocks")
	}
	return o, nil
}

func (o *Ofcom) read(r io.Reader, table string, providers map[string]string) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("read header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	iBlock, ok1 := col["nms number block: number block"]
	iStatus, ok2 := col["block status"]
	if !ok1 || !ok2 {
		return fmt.Errorf("header %q is not Ofcom's (want \"NMS Number Block: Number Block\" and \"Block Status\")", strings.Join(head, ","))
	}
	iCP, hasCP := col["cp name"]
	iLen, hasLen := col["non geo number length"]
	if !hasLen {
		iLen, hasLen = col["number length"]
	}
	iDate, hasDate := col["allocation date"]
	get := func(rec []string, i int, ok bool) string {
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	line := 1
	for {
		rec, err := cr.Read()
		line++
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		raw := get(rec, iBlock, true)
		if raw == "" {
			continue
		}
		prefix := strings.Map(func(r rune) rune {
			if r == ' ' {
				return -1
			}
			return r
		}, raw)
		if len(prefix) < 2 || len(prefix) > 10 || strings.Trim(prefix, "0123456789") != "" {
			return fmt.Errorf("line %d: number block %q is not digits", line, raw)
		}
		st := strings.ToLower(get(rec, iStatus, true))
		status, ok := blockStatuses[st]
		if !ok {
			status = strings.NewReplacer(" ", "_", "(", "", ")", "").Replace(st)
		}
		b := &Block{Prefix: prefix, Status: status, Table: table}
		if cp := get(rec, iCP, hasCP); cp != "" {
			if p, ok := providers[cp]; ok {
				cp = p
			} else {
				providers[cp] = cp
			}
			b.Provider = cp
		}
		if d := get(rec, iDate, hasDate); d != "" {
			t, err := time.Parse("02/01/2006", d)
			if err != nil {
				return fmt.Errorf("line %d: allocation date %q is not dd/mm/yyyy", line, d)
			}
			b.AllocatedOn = t.Format(time.DateOnly)
			if b.AllocatedOn > o.updated {
				o.updated = b.AllocatedOn
			}
		}
		if l := get(rec, iLen, hasLen); l != "" {
			if n, err := strconv.Atoi(strings.Fields(l)[0]); err == nil {
				b.Length = n
			}
		}
		o.blocks[prefix] = b
		o.tables[prefix[:1]] = true
		o.minLen = min(o.minLen, len(prefix))
		o.maxLen = max(o.maxLen, len(prefix))
	}
}

// Covers reports whether the loaded tables cover numbers whose national
// significant number starts with digit d (e.g. '9' for 09 numbers).
func (o *Ofcom) Covers(nsn string) bool {
	return o != nil && nsn != "" && o.tables[nsn[:1]]
}

// Lookup finds the most specific block holding the national significant
// number nsn (digits after the leading 0). It allocates nothing.
func (o *Ofcom) Lookup(nsn string) (*Block, bool) {
	if o == nil {
		return nil, false
	}
	for l := min(o.maxLen, len(nsn)); l >= o.minLen; l-- {
		if b, ok := o.blocks[nsn[:l]]; ok {
			return b, true
		}
	}
	return nil, false
}

// Len returns the number of blocks loaded.
func (o *Ofcom) Len() int { return len(o.blocks) }

// Blocks calls fn for every block, in no particular order, until fn returns
// false. Tests and exports use it; the hot path uses Lookup.
func (o *Ofcom) Blocks(fn func(*Block) bool) {
	for _, b := range o.blocks {
		if !fn(b) {
			return
		}
	}
}
