-- name: ListGroupsForUser :many
-- ListGroupsForUser returns every group, by name, and whether the user belongs to it. (The
-- CAST makes sqlc type member as a bool for PostgreSQL too.)
SELECT auth_groups.id, auth_groups.name, CAST(auth_group_users.user_id IS NOT NULL AS BOOLEAN) AS member
FROM auth_groups LEFT JOIN auth_group_users
  ON auth_group_users.group_id = auth_groups.id AND auth_group_users.user_id = sqlc.arg(user_id)
ORDER BY auth_groups.name;

-- name: RemoveUserFromAllGroups :exec
-- RemoveUserFromAllGroups ends every membership of a user.
DELETE FROM auth_group_users WHERE user_id = sqlc.arg(user_id);

-- name: ListPermissionsForGroup :many
-- ListPermissionsForGroup returns every permission, by model, and whether the group holds it
-- (the CAST as in ListGroupsForUser).
SELECT auth_permissions.id, auth_permissions.model, auth_permissions.action,
       CAST(auth_group_permissions.group_id IS NOT NULL AS BOOLEAN) AS granted
FROM auth_permissions LEFT JOIN auth_group_permissions
  ON auth_group_permissions.permission_id = auth_permissions.id AND auth_group_permissions.group_id = sqlc.arg(group_id)
ORDER BY auth_permissions.model, auth_permissions.id;

-- name: RevokeAllPermissions :exec
-- RevokeAllPermissions takes every permission away from a group.
DELETE FROM auth_group_permissions WHERE group_id = sqlc.arg(group_id);

-- name: GrantPermissionByID :exec
-- GrantPermissionByID lets a group do what the permission with this id allows.
INSERT INTO auth_group_permissions (group_id, permission_id) VALUES (sqlc.arg(group_id), sqlc.arg(permission_id));

-- name: AddAuditEntry :exec
-- AddAuditEntry writes one entry of the audit log (admin.Store.audit), in the change's
-- transaction. changes is JSON: {"column": {"old": ..., "new": ...}}.
INSERT INTO admin_audit (user_id, user_email, action, model, object_id, changes, client_address, created_at)
VALUES (sqlc.arg(user_id), sqlc.arg(user_email), sqlc.arg(action), sqlc.arg(model), sqlc.arg(object_id), sqlc.arg(changes), sqlc.arg(client_address), sqlc.arg(created_at));
