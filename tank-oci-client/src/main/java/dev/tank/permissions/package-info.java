/**
 * Permissions: what a skill asks for and what a project allows.
 *
 * <p>{@link dev.tank.permissions.PermissionModel} validates and normalises a {@code permissions}
 * object (strictly for a skill, more freely for a budget), forms unions, tests a request against a
 * budget and diffs two versions' permissions, tagging dangerous additions. {@link
 * dev.tank.permissions.BudgetCheck} runs the budget test over every installed skill and computes the
 * smallest budget widening that would accept them; {@link dev.tank.permissions.PermissionTable} is
 * the data behind {@code tank permissions}. {@link dev.tank.permissions.HostPattern} and {@link
 * dev.tank.permissions.PathGlob} hold the matching rules and the coverage proofs.
 *
 * <p>Pure functions over {@code dev.tank.mediatypes.Permissions}; no I/O. The rules in prose are in
 * {@code docs/permissions.md}.
 */
package dev.tank.permissions;
