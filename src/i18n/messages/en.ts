/**
 * The API's words in English: the source catalogue. Every other language's catalogue has exactly these keys
 * (the type of `Catalogue` makes the compiler check it) and the same {placeholders}.
 * A text with a {count} may come in the plural forms of Intl.PluralRules: `{ one, other }` in English.
 */
export const en = {
  // The request itself
  "request.invalid": "The request is invalid.",
  "request.invalid_first_only": "The request is invalid. It is large, so only its first problem is named.",
  "request.invalid_more":
    "The request is invalid: {named} fields are named, and there are {more} more problems.",
  "request.parse_error": "The body is not valid JSON.",
  "request.empty_json_body": "The body is empty, but its Content-Type says JSON.",
  "request.bad_content_length": "The body's size does not match its Content-Length.",
  "request.malformed": "The request is malformed.",
  "request.unparsable": "The request could not be parsed as HTTP.",
  "request.method_not_allowed": "This method is not allowed here.",
  "request.not_acceptable": "This server answers only in JSON.",
  "request.too_slow": "The request took too long.",
  "request.body_too_large": "The request body is too large.",
  "request.uri_too_long": "A part of the URL is too long.",
  "request.bad_url_encoding": "The URL is not validly percent-encoded.",
  "request.unsupported_media_type": "This content type is not supported: send JSON.",
  "request.json_only": "Send this request as JSON, with Content-Type: application/json.",
  "request.headers_too_large": "The request line and headers are too large.",
  "request.host_required": "An HTTP/1.1 request needs a Host header.",
  "request.expectation_failed": "Only Expect: 100-continue is supported.",
  "request.no_route": "No route for {method} {path}.",
  "request.not_found": "Not found.",
  "request.invalid_page": "Invalid page.",
  "request.unknown_ordering": "Unknown ordering.",

  // One field of the request, as the schema judges it
  "field.required": "This field is required.",
  "field.unknown": "Unknown field.",
  "field.integer": "Must be a whole number.",
  "field.number": "Must be a number.",
  "field.string": "Must be text.",
  "field.boolean": "Must be true or false.",
  "field.array": "Must be a list.",
  "field.object": "Must be an object.",
  "field.null": "Must be null.",
  "field.integer_or_null": "Must be a whole number or null.",
  "field.type_or_null": "Has the wrong type: send a value of the right type, or null.",
  "field.min_length": { one: "At least {count} character.", other: "At least {count} characters." },
  "field.max_length": { one: "At most {count} character.", other: "At most {count} characters." },
  "field.minimum": "At least {limit}.",
  "field.maximum": "At most {limit}.",
  "field.exclusive_minimum": "Greater than {limit}.",
  "field.exclusive_maximum": "Less than {limit}.",
  "field.min_items": { one: "At least {count} item.", other: "At least {count} items." },
  "field.max_items": { one: "At most {count} item.", other: "At most {count} items." },
  "field.unique_items": "Items must not repeat.",
  "field.one_of": "Must be one of: {values}.",
  "field.email": "Enter a valid email address.",
  "field.date_time": "Enter a valid date and time, such as 2026-12-01T06:30:00Z.",
  "field.date": "Enter a valid date, such as 2026-12-01.",
  "field.uuid": "Enter a valid UUID.",
  "field.money": "Enter an amount such as 1234.56: digits, and at most two after the point.",
  "field.visible_text": "Must hold visible characters and no invisible or control ones.",
  "field.no_control_characters": "Must not hold control characters.",
  "field.wrong_format": "Has the wrong format.",
  "field.invalid": "Is invalid.",
  "field.already_exists": "Already exists.",
  "field.breaks_rule": "Breaks a rule of the data model.",
  "field.not_blank": "Must not be blank.",

  // What the database refuses, when no feature names the rule
  "database.duplicate": "An object with these values already exists.",
  "database.referenced": "This object is referenced by others.",
  "database.check_violation": "The values break a rule of the data model.",
  "database.number_out_of_range": "A number is out of range.",
  "database.wrong_format": "A value has the wrong format.",
  "database.unavailable": "The database is unavailable; try again shortly.",
  "database.timeout": "The database did not answer in time; try again.",

  // The server
  "server.error": "Something went wrong on our side.",
  "server.answer_too_slow": "The request took too long to answer; try again.",
  "server.shutting_down": "This server is shutting down; try again.",
  "server.database_unreachable": "The database is unreachable.",
  "server.database_too_slow": "The database did not answer within {ms} ms.",
  "server.migrations_unreadable": "The applied migrations could not be read within {ms} ms.",
  "server.migrations_pending": "Migrations are pending ({names}): run `supplynet migrate`.",

  // Who may do what
  "auth.not_authenticated": "Authentication credentials were not provided or are invalid.",
  "auth.forbidden": "You do not have permission to do this.",
  "auth.staff_only": "Only staff may do this.",
  "auth.account_inactive": "This account is inactive or no longer exists.",
  "auth.account_gone": "This account no longer exists.",
  "auth.bad_credentials": "No active account found with the given email and password.",
  "auth.admin_is_for_staff": "This admin is for staff. Employees use the API.",
  "auth.no_admin_session": "There is no admin session in this browser. Log in.",
  "auth.refresh_invalid": "The refresh token is invalid or expired. Log in again.",
  "auth.refresh_reused":
    "This refresh token was already used, so it may have been copied: every session started from the same login has been signed out. Log in again.",
  "auth.invitation_unknown": "This invitation link is not valid. Check that you copied the whole link.",
  "auth.invitation_used": "This invitation has already been used. Log in with your email and password.",
  "auth.invitation_expired": "This invitation has expired. Ask your administrator to resend it.",
  "auth.invitation_deactivated": "This account has been deactivated. Ask your administrator.",

  // The password policy
  "password.too_short": {
    one: "The password is too short: use at least {count} character.",
    other: "The password is too short: use at least {count} characters.",
  },
  "password.only_spaces": "The password must not be only spaces.",
  "password.is_email": "The password must not be your email address or its part before the @.",
  "password.too_common":
    "This password is too common: it is on a list of passwords that attackers try first. Choose another.",

  // Rate limits
  "throttle.retry": {
    one: "{reason} Try again in {count} second.",
    other: "{reason} Try again in {count} seconds.",
  },
  "throttle.address": "Too many requests from your address.",
  "throttle.registrations": "Too many failed registrations from your address.",
  "throttle.login_from_address": "Too many failed login attempts for this account from your address.",
  "throttle.login": "Too many failed login attempts for this account.",
  "throttle.qr_emails": {
    one: "You may ask for {count} QR code per hour.",
    other: "You may ask for {count} QR codes per hour.",
  },

  // Companies
  "level.factory": "factory",
  "level.distributor": "distributor",
  "level.dealership": "dealership",
  "level.retail_chain": "retail chain",
  "level.entrepreneur": "individual entrepreneur",
  "company.not_found": "No company with id {id}.",
  "company.not_found_here": "No company with this id.",
  "company.debt_read_only": "Debt is read-only after creation; use clear_debt.",
  "company.factory_heads_chain": "A factory heads the chain.",
  "company.factory_has_no_supplier": "A factory has no supplier; send null.",
  "company.factory_owes_nothing": "A factory never owes anything; debt must be 0.00.",
  "company.needs_supplier": "A company at the {level} level needs a supplier.",
  "company.supplier_required": "This field is required: a company at the {wanted} level, one level up.",
  "company.supplier_one_level_up": "Must be a company at the {wanted} level, one level up.",
  "company.cannot_supply_itself": "A company cannot supply itself.",
  "company.supplier_missing": "The supplier does not exist.",
  "company.supplier_missing_field":
    "No company with id {id}. Must be a company at the {wanted} level, one level up.",
  "company.supplier_wrong_level": "The supplier is not one level up.",
  "company.supplier_wrong_level_field":
    "Must be a company at the {wanted} level, one level up; company {id} is at the {actual} level.",
  "company.supplies_others_delete": {
    one: "{name} supplies {count} company; reassign or delete it first.",
    other: "{name} supplies {count} companies; reassign or delete them first.",
  },
  "company.supplies_others_level": {
    one: "{name} supplies {count} company; reassign or delete it before changing the level.",
    other: "{name} supplies {count} companies; reassign or delete them before changing the level.",
  },
  "company.level_locked": "Cannot change while the company supplies others.",
  "company.products_missing": "Some products do not exist.",
  "company.products_missing_field": "Unknown product ids: {ids}.",
  "company.supplier_gone_or_wrong_level": "The supplier does not exist or is not one level up.",
  "company.supplier_fk_field": "Must be an existing company one level up.",
  "company.has_clients": "The company supplies others; reassign or delete them first.",
  "company.only_factory_unsupplied": "Only a factory has no supplier.",
  "company.only_factory_unsupplied_field": "A factory has none; every other level needs one.",
  "company.factory_never_owes": "A factory never owes anything.",
  "company.product_unknown": "Unknown product id.",
  "company.name_blank": "The name is blank.",
  "company.qr_sent": "The QR code will be emailed to {email}.",

  // Products
  "product.not_found": "No product with id {id}.",
  "product.duplicate": "A product with this name and model already exists.",
  "product.name_blank": "The name is blank.",

  // Employees
  "employee.not_found": "No employee with this id.",
  "employee.email_taken": "A user with this email already exists.",
  "employee.company_missing": "The company does not exist.",
  "employee.company_missing_field": "No company with this id.",
  "employee.already_registered": "This employee has already registered; they log in with their password.",
  "employee.inactive": "This employee is inactive; activate them before inviting them again.",
  "employee.invitation_sent": "A new invitation was sent to {email}.",

  // Jobs
  "job.not_found": "No job with this id.",
} as const;
