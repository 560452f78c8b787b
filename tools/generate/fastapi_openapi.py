#!/usr/bin/env python3
"""Writes html/fastapi/openapi.json: the description of HotSox's FastAPI
surface (/fastapi/v1/), served by NGINX at /fastapi/v1/openapi.json with its
Swagger UI at /fastapi/v1/docs. tests/http/openapi.sh checks it against the
router's routes (tools/check-openapi.mjs) and real answers against its schemas.

    python3 tools/generate/fastapi_openapi.py
"""
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parents[2] / "html" / "fastapi" / "openapi.json"
P = "/fastapi/v1"


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def obj(props, required=None):
    return {"type": "object", "properties": props, "required": required or list(props), "additionalProperties": False}


S = {"type": "string"}
I = {"type": "integer"}
B = {"type": "boolean"}
D = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
DT = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"}
NS = {"type": ["string", "null"]}
NN = {"type": ["number", "null"]}


def arr(item):
    return {"type": "array", "items": item}


def page(item):
    return obj({"items": arr(item), "total": I, "page": I, "size": I, "pages": I})


SOCK_FIELDS = ["info_name", "info_about", "info_color", "info_fabric", "info_fabric_thickness", "info_brand",
               "info_type", "info_size", "info_age", "info_separation_date", "info_condition", "info_holes",
               "info_kilometers", "info_inoutdoor", "info_washed", "info_special"]
EDIT_FIELDS = {"username": S, "first_name": S, "last_name": S, "email": S, "info_about": S, "info_birthday": D,
               "info_gender": I, "location_city": S, "location_latitude": NN, "location_longitude": NN,
               "notification": B, "social_instagram": NS, "social_facebook": NS, "social_twitter": NS,
               "social_spotify": NS}


def sock_props():
    props = {name: (S if name in ("info_name", "info_about", "info_special") else
                    D if name == "info_separation_date" else I) for name in SOCK_FIELDS}
    return props


SCHEMAS = {
    "Detail": obj({"detail": S}),
    "ValidationError": obj({"detail": arr({"type": "object", "required": ["loc", "msg", "type"], "properties": {
        "loc": arr({"type": ["string", "integer"]}), "msg": S, "type": S, "ctx": {"type": "object"}}}),}),
    "RateLimited": obj({"error": S}),
    "Token": obj({"access_token": S, "token_type": {"const": "bearer"}}),
    "SimplyUser": obj({"username": S, "email": S}),
    "SimplySock": obj({"info_name": S, "info_special": S}),
    "Picture": obj({"id": I, "profile_picture": S}),
    "UserPicture": obj({"id": I, "profile_picture": S, "user_id": I}),
    "SockPicture": obj({"id": I, "profile_picture": S, "sock_id": I}),
    "SockLikes": obj({"id": I, "sock": {"anyOf": [ref("SimplySock"), {"type": "null"}]},
                      "like": {"anyOf": [ref("SimplySock"), {"type": "null"}]},
                      "dislike": {"anyOf": [ref("SimplySock"), {"type": "null"}]}}),
    "ShowSock": obj({"id_sock": I, "info_joining_date": D, **sock_props(), "profile_pictures": arr(ref("Picture")),
                     "sock_likes": arr(ref("SockLikes"))}),
    "CreateUpdateSock": {"type": "object", "properties": sock_props(),
                         "required": ["info_name", "info_age", "info_holes", "info_kilometers", "info_washed",
                                      "info_special"]},
    "UserMatch": obj({"id": I, "matched_with": ref("SimplyUser"), "unmatched": B, "chatroom_uuid": S}),
    "Mail": obj({"id": I, "subject": S, "content": S, "sent_date": D}),
    "MailIn": {"type": "object", "properties": {"subject": S, "content": S}, "required": ["subject", "content"]},
    "MailSent": obj({"status": S, "email": obj({"subject": S, "content": S})}),
    "Chat": obj({"id": I, "receiver": ref("SimplyUser"), "message": S, "sent_date": DT, "seen_date": NS}),
    "ChatWithSender": obj({"id": I, "receiver": ref("SimplyUser"), "sender": ref("SimplyUser"), "message": S,
                           "sent_date": DT, "seen_date": NS}),
    "EditUser": {"type": "object", "properties": EDIT_FIELDS},
    "CreateUser": {"type": "object", "properties": {**EDIT_FIELDS, "password": S},
                   "required": ["username", "password", "email", "info_birthday", "location_city"]},
    "EditUserOut": obj(EDIT_FIELDS),
    "ShowUser": obj({"id_user": I, **EDIT_FIELDS, "last_login": NS, "is_superuser": B, "is_staff": B,
                     "is_active": B, "date_joined": DT, "profile_pictures": arr(ref("Picture")),
                     "user_matches": arr(ref("UserMatch")), "mail": arr(ref("Mail")), "chat": arr(ref("Chat")),
                     "socks": arr(ref("ShowSock"))}),
    "Judged": {"type": "object", "required": ["Message"], "additionalProperties": False, "properties": {
        "Message": S, "Match": obj({"id": I, "user_id": I, "other_id": I, "unmatched": B, "chatroom_uuid": S})}},
}
for name in ("ShowSock", "ShowUser", "UserMatch", "Mail", "ChatWithSender"):
    SCHEMAS[f"Page{name}"] = page(ref(name))


def json_body(schema):
    return {"description": "", "content": {"application/json": {"schema": schema}}}


def answer(description, schema=None):
    response = {"description": description}
    if schema is not None:
        response["content"] = {"application/json": {"schema": schema}}
    return response


def path_params(path):
    return [{"name": part[1:-1], "in": "path", "required": True,
             "schema": S if part == "{receiver}" else I}
            for part in path.split("/") if part.startswith("{")]


# (method, path, access, limit/min, summary, success status, success schema, extra parameters, request body)
ROUTES = [
    ("post", "/token", "", 5, "OAuth2 password form: a 15-minute bearer token", 200, ref("Token"), [], "form"),
    ("get", "/users/", "S", 10, "Every user, newest first", 200, ref("PageShowUser"), ["page"], None),
    ("get", "/user/", "A", 20, "Me", 200, ref("ShowUser"), [], None),
    ("post", "/user/", "", 0, "Sign up", 201, ref("EditUserOut"), [], ref("CreateUser")),
    ("put", "/user/", "A", 10, "Change the fields sent", 202, ref("EditUserOut"), [], ref("EditUser")),
    ("delete", "/user/", "S", 10, "Delete my account", 204, None, [], None),
    ("post", "/user/profilepic", "A", 20, "Upload a profile picture", 201, ref("UserPicture"), [], "file"),
    ("delete", "/user/profilepic/{id}", "A", 20, "Delete a profile picture", 204, None, [], None),
    ("get", "/user/mail", "A", 30, "My mails", 200, ref("PageMail"), ["page"], None),
    ("post", "/user/mail", "A", 20, "Store a mail and send it to me", 200, ref("MailSent"), [], ref("MailIn")),
    ("delete", "/user/mail/{id}", "A", 20, "Delete a mail", 204, None, [], None),
    ("get", "/user/chats", "A", 10, "Chats sent or received", 200, ref("PageChatWithSender"), ["page"], None),
    ("get", "/user/chat/{receiver}", "A", 30, "Chats between me and receiver", 200, arr(ref("ChatWithSender")), [],
     None),
    ("post", "/user/chat/{receiver}", "A", 30, "Send a chat to a match", 200, ref("ChatWithSender"),
     ["chat_message"], None),
    ("get", "/user/socks/", "A", 20, "My socks", 200, ref("PageShowSock"), ["page"], None),
    ("get", "/user/sock/{id}", "A", 30, "One of my socks", 200, ref("ShowSock"), [], None),
    ("post", "/user/sock/", "T", 20, "Add a sock", 201, ref("ShowSock"), [], ref("CreateUpdateSock")),
    ("put", "/user/sock/{id}", "A", 20, "Replace a sock", 202, ref("ShowSock"), [], ref("CreateUpdateSock")),
    ("delete", "/user/sock/{id}", "A", 20, "Delete a sock", 204, None, [], None),
    ("post", "/user/sock/{sock_id}/profilepic", "A", 20, "Upload a sock's picture", 201, ref("SockPicture"), [],
     "file"),
    ("delete", "/user/sock/{sock_id}/profilepic/{pic_id}", "A", 20, "Delete a sock's picture", 204, None, [], None),
    ("get", "/user/swipe/{user_sock_id}/next", "A", 30, "The next sock to judge", 200, ref("ShowSock"), [], None),
    ("post", "/user/swipe/{user_sock_id}/judge/{other_sock_id}", "A", 20, "Like or dislike a sock", 200,
     ref("Judged"), ["judgement"], None),
    ("get", "/user/matches/", "A", 20, "My matches, unmatched included", 200, ref("PageUserMatch"), ["page"], None),
    ("get", "/user/match/{id}", "A", 20, "One of my matches", 200, ref("UserMatch"), [], None),
    ("delete", "/user/match/{id}", "A", 20, "Unmatch", 204, None, [], None),
]

QUERY = {
    "page": [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
             {"name": "size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100,
                                                          "default": 50}}],
    "chat_message": [{"name": "chat_message", "in": "query", "required": True, "schema": S}],
    "judgement": [{"name": "judgement", "in": "query", "required": True, "schema": B}],
}
ACCESS = {"": "", "T": "Any valid token.", "A": "The token's `active` claim.",
          "S": "The token's `active` and `superuser` claims."}


def operation(method, path, access, limit, summary, status, schema, extra, body):
    detail = answer("{\"detail\": message}", ref("Detail"))
    op = {"summary": summary, "tags": ["hotsox-fastapi"],
          "operationId": f"{method}_fastapi_v1{path.replace('/', '_').replace('{', '').replace('}', '')}",
          "description": " ".join(filter(None, [ACCESS[access],
                                                f"At most {limit} a minute per client address." if limit else ""])),
          "responses": {str(status): answer("Success", schema) if schema else answer("Done, no body"),
                        "404": detail, "422": answer("Validation problems", ref("ValidationError")),
                        "503": answer("PostgreSQL or KeyDB is unavailable", ref("Detail"))}}
    if path == "/user/profilepic" or path.endswith("/profilepic"):
        op["responses"]["400"] = detail
    if path in ("/user/", ) and method in ("post", "put"):
        op["responses"]["400"] = detail
    if access:
        op["security"] = [{"bearer": []}]
        op["responses"]["401"] = detail
    if access == "S":
        op["responses"]["403"] = detail
    if limit:
        op["responses"]["429"] = answer("Rate limit exceeded", ref("RateLimited"))
    params = path_params(path) + [p for name in extra for p in QUERY[name]]
    if params:
        op["parameters"] = params
    if body == "form":
        form = {"type": "object", "required": ["username", "password"], "properties": {
            "grant_type": {"type": "string", "pattern": "password"}, "username": S, "password": S, "scope": S,
            "client_id": S, "client_secret": S}}
        op["requestBody"] = {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": form},
                                                           "multipart/form-data": {"schema": form}}}
    elif body == "file":
        op["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["file"], "properties": {"file": {"type": "string", "format": "binary"}}}}}}
    elif body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return op


def main():
    paths = {}
    for route in ROUTES:
        paths.setdefault(P + route[1], {})[route[0]] = operation(*route)
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "HotSox FastAPI surface", "version": "0.1.0",
                 "description": "HotSox's second API, as the original's FastAPI app served it: its own token "
                                "(OAuth2 password form at /fastapi/v1/token), errors {\"detail\"} and FastAPI's 422 "
                                "list, 307 redirects for a missing or extra trailing slash. The data is the DRF "
                                "surface's (/api/v1/); the tokens of the two are not interchangeable."},
        "servers": [{"url": "/"}],
        "tags": [{"name": "hotsox-fastapi", "description": "HotSox, FastAPI surface"}],
        "paths": paths,
        "components": {"schemas": SCHEMAS,
                       "securitySchemes": {"bearer": {"type": "oauth2", "flows": {"password": {
                           "tokenUrl": P + "/token", "scopes": {}}}}}},
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(spec, indent=1) + "\n")


if __name__ == "__main__":
    main()
