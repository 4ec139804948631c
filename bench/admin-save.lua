-- wrk script: every request saves a new note through the admin's create form, as a logged-in
-- superuser would (bench/serve-load.sh passes the session cookie with -H).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local n = 0
request = function()
	n = n + 1
	return wrk.format(nil, "/admin/notes/new", nil, "body=Saved+by+the+load+test+" .. n)
end
-- A save answers 303 (to the list); anything else is counted as an error.
local failed = 0
response = function(status)
	if status ~= 303 then failed = failed + 1 end
end
