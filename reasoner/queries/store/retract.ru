# 撤下来源 — remove the source bound to ?key from the catalog (its graph is then garbage, removed afterwards).
DELETE { GRAPH graph:catalog { ?old ?p ?o } }
WHERE { GRAPH graph:catalog { ?old ps:sourceKey ?key ; ?p ?o } }
