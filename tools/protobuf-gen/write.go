package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// indexEntry tells the loader which file holds a package's table, and which apiVersion it serves.
type indexEntry struct {
	File       string `json:"file"`
	APIVersion string `json:"apiVersion,omitempty"`
}

type index struct {
	KubeAPIVersion string                `json:"kubeAPIVersion"`
	Packages       map[string]indexEntry `json:"packages"`
}

// write puts one file per package in dir, and index.json beside them; it replaces what was there.
func write(dir, version string, tables map[string]*table) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	idx := index{KubeAPIVersion: version, Packages: map[string]indexEntry{}}
	for path, t := range tables {
		file := strings.ReplaceAll(strings.TrimPrefix(path, "k8s.io/"), "/", "_") + ".json"
		idx.Packages[path] = indexEntry{File: file, APIVersion: t.APIVersion}
		text, err := encodeTable(t)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, file), text, 0o644); err != nil {
			return err
		}
	}
	text, err := json.MarshalIndent(idx, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.json"), append(text, '\n'), 0o644)
}

// encodeTable writes one message per line, so that a table reads (and diffs) like the Go struct.
func encodeTable(t *table) ([]byte, error) {
	var b bytes.Buffer
	head, err := json.Marshal(struct {
		Package    string         `json:"package"`
		APIVersion string         `json:"apiVersion,omitempty"`
		Kinds      []string       `json:"kinds,omitempty"`
		Lists      map[string]any `json:"lists,omitempty"`
	}{t.Package, t.APIVersion, t.Kinds, t.Lists})
	if err != nil {
		return nil, err
	}
	b.Write(head[:len(head)-1])
	b.WriteString(`,"messages":{`)
	names := make([]string, 0, len(t.Messages))
	for name := range t.Messages {
		names = append(names, name)
	}
	sort.Strings(names)
	for i, name := range names {
		rows, err := json.Marshal(t.Messages[name])
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n" + quote(name) + ":" + string(rows))
	}
	b.WriteString("\n}}\n")
	return b.Bytes(), nil
}

func quote(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
