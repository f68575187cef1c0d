#!/usr/bin/python3
"""The peer of the import benchmark: the script researchers usually write.

It streams Posts.xml with lxml.etree.iterparse (clearing elements as it goes so memory
stays flat), keeps questions carrying any of the given tags, extracts the title and the
body text without <code>/<pre>, the dates, the owner and the tags, keeps the answers of
kept questions with the accepted answer's date, and stores everything in SQLite in one
transaction. That is the work `taxo import --tags ...` does.

Usage: lxml_peer.py POSTS_XML OUT_DB tag1,tag2,...
Like most such scripts it assumes answers come after their question (an Id-sorted dump).
"""
import sqlite3
import sys

import lxml.html
from lxml import etree


def parse_tags(raw):
    if raw.startswith("|"):
        return [t for t in raw.split("|") if t]
    return [t for t in raw.replace(">", "").split("<") if t]


def text_without_code(html):
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in root.xpath(".//code|.//pre"):
        element.drop_tree()
    return " ".join(root.text_content().split())


def main():
    path, out, wanted = sys.argv[1], sys.argv[2], set(sys.argv[3].split(","))
    db = sqlite3.connect(out)
    db.execute("CREATE TABLE IF NOT EXISTS q (id TEXT PRIMARY KEY, title TEXT, body TEXT,"
               " text TEXT, tags TEXT, created TEXT, owner TEXT, accepted TEXT)")
    db.execute("CREATE TABLE IF NOT EXISTS a (id TEXT PRIMARY KEY, parent TEXT, body TEXT,"
               " created TEXT, score INTEGER)")
    kept = {}
    accepted_dates = {}
    for _, row in etree.iterparse(path, events=("end",), tag="row"):
        kind = row.get("PostTypeId")
        if kind == "1":
            tags = parse_tags(row.get("Tags", ""))
            if wanted.intersection(tags):
                body = row.get("Body", "")
                qid = row.get("Id")
                kept[qid] = row.get("AcceptedAnswerId")
                db.execute("INSERT OR IGNORE INTO q VALUES (?,?,?,?,?,?,?,NULL)",
                           (qid, row.get("Title", ""), body, text_without_code(body),
                            " ".join(tags), row.get("CreationDate"),
                            row.get("OwnerUserId") or row.get("OwnerDisplayName")))
        elif kind == "2":
            parent = row.get("ParentId")
            if parent in kept:
                aid = row.get("Id")
                db.execute("INSERT OR IGNORE INTO a VALUES (?,?,?,?,?)",
                           (aid, parent, row.get("Body", ""), row.get("CreationDate"),
                            int(row.get("Score", "0"))))
                if kept[parent] == aid:
                    accepted_dates[parent] = row.get("CreationDate")
        row.clear()
        while row.getprevious() is not None:
            del row.getparent()[0]
    db.executemany("UPDATE q SET accepted = ? WHERE id = ?",
                   [(date, qid) for qid, date in accepted_dates.items()])
    db.commit()
    print(len(kept))


if __name__ == "__main__":
    main()
