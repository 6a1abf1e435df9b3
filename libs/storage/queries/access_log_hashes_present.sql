-- Which of these hashes the access log still holds (the anchors chains start from).
SELECT DISTINCT hash
FROM {{db}}.access_log
WHERE hash IN {hashes:Array(String)}
