// Shared set-up of the compatibility suite: the server under test, its users and keys.
// The JUnit runner (MemaxSdkCompatibilityTest) starts the server with open signup and passes
// MEMAX_URL and MEMAX_API_KEY; files that need users of their own make them with freshUser().
import assert from "node:assert/strict";
import { Memax, MemaxError } from "memax-sdk";

export const url = required("MEMAX_URL");
export const apiKey = required("MEMAX_API_KEY");

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the suite through MemaxSdkCompatibilityTest (see README.md)`);
  }
  return value;
}

/** An SDK client as the real clients build it; warnings (X-Memax-Warning) are collected. */
export function client(key = apiKey) {
  const warnings = [];
  const memax = new Memax({ apiUrl: url, apiKey: key, maxRetries: 0, onWarning: (w) => warnings.push(w) });
  memax.warnings = warnings;
  return memax;
}

/** A plain request outside the SDK, for fixtures the SDK has no call for (signup). */
export async function raw(method, path, { key, body, headers } = {}) {
  const res = await fetch(url + path, {
    method,
    headers: {
      "Content-Type": "application/json",
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

let users = 0;

/**
 * A new user (open signup) with a read+write API key: {id, email, personalHubId, key, memax}.
 * Each test file makes its own so that counts (usage, lists) are its alone.
 */
export async function freshUser(label = "user") {
  users += 1;
  const email = `${label}-${process.pid}-${Date.now()}-${users}@compat.example`;
  const signup = await raw("POST", "/v1/auth/signup", {
    body: { email, password: "correct horse battery", name: label },
  });
  // Signup answers 202 whether or not the email was taken (it reveals no accounts): log in next.
  assert.equal(signup.status, 202, JSON.stringify(signup.json));
  const login = await raw("POST", "/v1/auth/login", { body: { email, password: "correct horse battery" } });
  assert.equal(login.status, 200, JSON.stringify(login.json));
  const { user, tokens } = login.json.data;
  const created = await client(tokens.access_token).auth.createKey({ name: `${label} key` });
  assert.match(created.key, /^mxk_[0-9a-f]{64}$/);
  return { id: user.id, email, name: label, personalHubId: user.personal_hub_id, key: created.key,
    accessToken: tokens.access_token, refreshToken: tokens.refresh_token, memax: client(created.key) };
}

/** Runs fn, which must reject with a MemaxError; answers it. */
export async function memaxError(fn) {
  try {
    await fn();
  } catch (error) {
    assert.ok(error instanceof MemaxError, `expected a MemaxError, got ${error}`);
    return error;
  }
  assert.fail("expected the call to fail with a MemaxError");
}

/** Polls until check() answers a truthy value (for things that happen after a response). */
export async function eventually(check, { timeoutMs = 10_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  assert.fail(`condition not met within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

export const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
