-- How many records a history query holds (each once: FINAL), for an export's progress.
SELECT count() AS records
FROM {{db}}.transactions FINAL
WHERE {{history_where}}
