# 切换目录 — make freshly written graphs the current versions of their sources, in one update (all or nothing).
# Bind one row per source: (?g ?key ?file ?tpl ?sha ?n ?at) = the fresh graph, the source key, file name, template
# kind, SHA-256, triple count (xsd:integer) and load time (xsd:dateTime). Every catalog entry of the same key (the
# replaced version) is deleted in the same operation; the OPTIONAL keeps a row whose key is new. The replaced graphs
# themselves are removed afterwards, as garbage.
DELETE { GRAPH graph:catalog { ?old ?p ?o } }
INSERT {
  GRAPH graph:catalog {
    ?g a ps:SourceFile ; ps:sourceKey ?key ; ps:fileName ?file ; ps:templateKind ?tpl ; ps:sha256 ?sha ;
       ps:tripleCount ?n ; prov:generatedAtTime ?at
  }
}
WHERE {
  OPTIONAL { GRAPH graph:catalog { ?old ps:sourceKey ?key ; ?p ?o } }
}
