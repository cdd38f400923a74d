"""The fake remote GraphQL servers themselves (tests/e2e/remote_graphql): their data, the
statistics they keep, every failure behaviour and that they stop with their test process. No
engine involved: when these fail, the remote-schema tests cannot be trusted."""

import threading
import time

import requests

from remote_graphql import (orders_server, orders_session_server, remote_servers,  # fixtures
                            start_remote, users_server, users_session_server)

FIXTURES = (orders_server, orders_session_server, remote_servers, start_remote, users_server,
            users_session_server)

def test_orders(orders_server):
    s = orders_server
    a = s.query("""query Q($w: OrderFilter, $j: JSON) { order(id: 1) { id user_id total status customer_ref details }
        orders_where(where: $w) { id } echo_json(value: $j)
        search(term: "2") { __typename ... on Order { id } ... on Refund { rid: id amount } }
        node(id: "refund-1") { id __typename ... on Refund { order_id } }
        failing }""", {"w": {"user_id": {"in": [1, 2]}, "_and": [{"total": {"gt": 6}}]}, "j": {"a": [1, {"b": None}]}})
    assert a["data"]["order"] == {"id": 1, "user_id": 1, "total": 10.5, "status": "PAID", "customer_ref": "c-1", "details": {"gift": True, "tags": ["red"]}}
    assert a["data"]["orders_where"] == [{"id": 1}, {"id": 2}]
    assert a["data"]["echo_json"] == {"a": [1, {"b": None}]}
    assert a["data"]["search"] == [{"__typename": "Order", "id": 2}, {"__typename": "Refund", "rid": "refund-1", "amount": 20}]
    assert a["data"]["failing"] is None and a["errors"][0]["message"] == "failing on purpose" and a["errors"][0]["path"] == ["failing"]
    m = s.query('mutation { create_order(user_id: 2, total: 3.5) { id status } }')
    assert m == {"data": {"create_order": {"id": 6, "status": "PENDING"}}}
    h = s.query("{ echo_headers }", headers={"x-thing": "abc"})
    assert "x-thing: abc" in h["data"]["echo_headers"], h
    st = s.stats()
    assert st["requests"] == 3, st
    assert st["root_fields"] == 8, st
    assert st["calls"][0][0] == {"path": "order", "field": "order", "args": {"id": 1}}
    assert st["headers"][2]["x-thing"] == "abc"
    s.reset()
    assert s.stats()["requests"] == 0
    assert s.query("{ order(id: 6) { id } }") == {"data": {"order": None}}

def test_users(users_server):
    s = users_server
    a = s.query("""{ f0: user(id: 1) { id name email orders_ref posts { id title } } f1: user(id: 42) { id }
      users_by_ids(ids: [2, 1]) { id } users(where: {id: {eq: 1}, name: {eq: "Ada"}}) { id }
      none: users(where: {id: {eq: 1}, name: {eq: "Bob"}}) { id }
      directory { user(id: 2) { name } } }""")
    assert "errors" not in a, a
    assert a["data"]["f0"]["posts"] == [{"id": 1, "title": "Hello"}, {"id": 2, "title": "Again"}]
    assert a["data"]["f1"] is None
    assert a["data"]["users_by_ids"] == [{"id": 1}, {"id": 2}]
    assert a["data"]["none"] == [] and a["data"]["users"] == [{"id": 1}]
    st = s.stats()
    assert [c["path"] for c in st["calls"][0]] == ["f0", "f1", "users_by_ids", "users", "none", "directory", "directory.user"], st
    assert st["root_fields"] == 6

def test_failures(start_remote):
    s = start_remote("orders")
    body = {"query": "{ order(id: 2) { id } }"}
    t = time.monotonic()
    r = requests.post(s.at("/slow/700/graphql"), json=body, timeout=5)
    assert time.monotonic() - t >= 0.7 and r.json() == {"data": {"order": {"id": 2}}}
    r = requests.post(s.at("/garbage"), json=body, timeout=5)
    assert r.status_code == 200
    try:
        r.json(); assert False
    except ValueError:
        pass
    assert requests.post(s.at("/errors"), json=body, timeout=5).json() == {"errors": [{"message": "the remote refused"}]}
    r = requests.post(s.at("/status/503"), json=body, timeout=5)
    assert r.status_code == 503
    t = time.monotonic()
    try:
        requests.post(s.at("/hang"), json=body, timeout=1)
        assert False
    except requests.exceptions.ReadTimeout:
        pass
    assert 1 <= time.monotonic() - t < 2
    st = s.stats()
    assert st["requests"] == 5 and st["paths"] == ["/slow/700/graphql", "/garbage", "/errors", "/status/503", "/hang"], st
    s.use_schema("users")
    assert s.query("{ user(id: 3) { name } }") == {"data": {"user": {"name": "Cy"}}}
    # A request hanging in flight does not hold up SIGTERM.
    hanging = threading.Thread(target=lambda: post_quietly(s.at("/hang"), body), daemon=True)
    hanging.start()
    time.sleep(0.2)
    started = time.monotonic()
    assert s.stop() == 0
    assert time.monotonic() - started < 2

def post_quietly(url, body):
    try:
        requests.post(url, json=body, timeout=30)
    except requests.RequestException:
        pass


def test_stdin_close_stops(start_remote):
    s = start_remote("users")
    s.process.stdin.close()
    assert s.process.wait(timeout=5) == 0

def test_behave(orders_server):
    s = orders_server
    s.behave("/errors")
    assert s.query("{ order(id: 1) { id } }") == {"errors": [{"message": "the remote refused"}]}
    s.behave("/status/502")
    r = requests.post(s.url, json={"query": "{ order(id: 1) { id } }"}, timeout=5)
    assert r.status_code == 502
    s.reset()
    assert s.query("{ order(id: 1) { id } }") == {"data": {"order": {"id": 1}}}
    s.behave("/hang")
    try:
        requests.post(s.url, json={"query": "{ order(id: 1) { id } }"}, timeout=0.5); assert False
    except requests.exceptions.ReadTimeout:
        pass
    s.behave("/graphql")
    assert s.query("{ order(id: 1) { id } }") == {"data": {"order": {"id": 1}}}
    assert s.stats()["paths"] == ["/graphql"] * 3
