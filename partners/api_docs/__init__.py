"""What the OpenAPI schema says about the partner API beyond its serializers: the shared
parameters (typed ``fields``, cursors, page sizes), every status an endpoint can answer with
its RFC 9457 problem and an example, and an example of every success body.

Examples are realistic (ids of the right shape, cursors as the API signs them), never
placeholders; they are documentation only and are not read by any view.

The package: ``parameters``, ``problems`` and ``examples``; every public name is re-exported
here.
"""

from __future__ import annotations

from partners.api_docs.examples import (
    CAMPAIGN,
    CHANGES_EXAMPLES,
    EXAMPLES,
    EXCERPT,
    FEED_CURSOR,
    LIST_CURSOR,
    MESSAGE,
    METRIC_BATCH_EXAMPLES,
    METRIC_EXAMPLES,
    METRIC_REPORT_IN,
    METRIC_REPORT_OUT,
    NARRATIVE,
    REASON,
    WEBHOOK_TEST_EXAMPLES,
    WEBHOOK_TEST_OUT,
)
from partners.api_docs.parameters import (
    CURSOR_DESCRIPTION,
    CURSOR_PARAMETER,
    CURSOR_SCHEMA,
    FEED_CURSOR_PARAMETER,
    comma_separated,
    fields_parameter,
    page_size_parameter,
    page_size_schema,
)
from partners.api_docs.problems import (
    BAD_BODY,
    BAD_PARAMETER,
    DETAIL_ERRORS,
    FORBIDDEN,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    NOT_FOUND,
    NOT_MODIFIED,
    RATE_LIMITED,
    READ_ERRORS,
    REQUEST_ID,
    UNAUTHENTICATED,
    UNAVAILABLE,
    URI_TOO_LONG,
    WEBHOOK_TEST_ERRORS,
    WRITE_ERRORS,
    not_json,
    problem,
)

__all__ = [
    "BAD_BODY",
    "BAD_PARAMETER",
    "CAMPAIGN",
    "CHANGES_EXAMPLES",
    "CURSOR_DESCRIPTION",
    "CURSOR_PARAMETER",
    "CURSOR_SCHEMA",
    "DETAIL_ERRORS",
    "EXAMPLES",
    "EXCERPT",
    "FEED_CURSOR",
    "FEED_CURSOR_PARAMETER",
    "FORBIDDEN",
    "LIST_CURSOR",
    "MESSAGE",
    "METHOD_NOT_ALLOWED",
    "METRIC_BATCH_EXAMPLES",
    "METRIC_EXAMPLES",
    "METRIC_REPORT_IN",
    "METRIC_REPORT_OUT",
    "NARRATIVE",
    "NOT_ACCEPTABLE",
    "NOT_FOUND",
    "NOT_MODIFIED",
    "RATE_LIMITED",
    "READ_ERRORS",
    "REASON",
    "REQUEST_ID",
    "UNAUTHENTICATED",
    "UNAVAILABLE",
    "URI_TOO_LONG",
    "WEBHOOK_TEST_ERRORS",
    "WEBHOOK_TEST_EXAMPLES",
    "WEBHOOK_TEST_OUT",
    "WRITE_ERRORS",
    "comma_separated",
    "fields_parameter",
    "not_json",
    "page_size_parameter",
    "page_size_schema",
    "problem",
]
