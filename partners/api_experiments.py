"""The experiments of the partner API: which are running and with which variants, which
variant a unit is assigned to, and the counts a partner reports per variant and day.

``GET /api/v1/experiments/`` and ``/api/v1/experiments/{id}/`` (``read:messages``),
``GET /api/v1/experiments/{id}/assignment/?unit=…`` (``read:messages``) and
``POST /api/v1/experiments/{id}/metrics/`` (``write:metrics``, with ``Idempotency-Key``).
Only ids, codes, weights and numbers go out: an experiment's question, hypothesis and history
are editors' words and stay inside.
"""

from __future__ import annotations

from typing import cast

from django.db.models import F
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.response import Response

from campaigns.experiments.assignment import Allocation, AssignmentError
from campaigns.experiments.models import Experiment
from campaigns.experiments.services import ExperimentError, record_experiment_counts
from partners import api_docs, params, selectors
from partners.api import DEFAULT_ORDERING, NoParamsAPIView, PartnerAPIView
from partners.api.base import unbind
from partners.api_metrics import IDEMPOTENCY_PARAMETER, MetricWriteView
from partners.authentication import PartnerClient
from partners.scopes import READ_MESSAGES
from partners.serializers import (
    AssignmentSerializer,
    ExperimentCountsOutSerializer,
    ExperimentCountsSerializer,
    ExperimentSerializer,
)

NOT_RUNNING = "This experiment is not running: show its messages as usual, unassigned."
PARTNER_ALLOCATES = (
    "This experiment is split on your platform: assign in proportion to the weights there, "
    "and report the counts per variant."
)
ONE_UNIT = (
    "Send one unit: the hash (16 to 128 characters of A-Z, a-z, 0-9, '_' and '-') you "
    "compute from your own identifier of the person or session."
)
UNIT_PARAMETER = OpenApiParameter(
    "unit",
    {"type": "string", "pattern": "^[A-Za-z0-9_-]{16,128}$"},
    location=OpenApiParameter.QUERY,
    required=True,
    description="An opaque hash you compute from your own identifier (a keyed SHA-256 in hex, "
    "say). The same unit always gets the same variant; nothing about it is stored.",
)


class ExperimentConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = NOT_RUNNING
    problem_code = "experiment_not_running"


class PartnerAllocates(ExperimentConflict):
    default_detail = PARTNER_ALLOCATES
    problem_code = "partner_allocation"


class ExperimentView(NoParamsAPIView):
    required_scopes = {"GET": READ_MESSAGES}
    pagination_class = None

    def experiment(self, public_id: str) -> Experiment:
        if not params.PUBLIC_ID_RE["exp"].match(public_id):
            raise NotFound()
        found = selectors.partner_experiment(
            audience=self.audience, now=self.now, public_id=public_id
        )
        if found is None:
            raise NotFound()
        return found


class ExperimentList(PartnerAPIView):
    required_scopes = {"GET": READ_MESSAGES}
    serializer_class = ExperimentSerializer

    def get_queryset(self):
        experiments = selectors.partner_experiments(audience=self.audience, now=self.now)
        return experiments.annotate(changed_at=F("updated_at"))

    @extend_schema(
        operation_id="experiments_list",
        parameters=[
            api_docs.fields_parameter(ExperimentSerializer),
            OpenApiParameter("ordering", OpenApiTypes.STR, enum=list(DEFAULT_ORDERING)),
        ],
        examples=api_docs.EXPERIMENT_LIST_EXAMPLES,
        responses={200: ExperimentSerializer(many=True), **api_docs.READ_ERRORS},
        description="The experiments whose every variant you may show: running ones (their "
        "messages live for you) and stopped ones, newest change first. Each names its "
        "variants, their weights and the control.",
    )
    def get(self, request):
        return self.list(request)


class ExperimentDetail(ExperimentView):
    serializer_class = ExperimentSerializer
    sparse_fields = True
    detail = True

    def allowed_params(self) -> set[str]:
        return {"fields"}

    @extend_schema(
        parameters=[api_docs.fields_parameter(ExperimentSerializer)],
        responses={200: ExperimentSerializer, **api_docs.DETAIL_ERRORS},
        examples=api_docs.EXPERIMENT_EXAMPLES,
        description="One experiment, as in the list.",
    )
    def get(self, request, public_id: str):
        serializer = self.get_serializer(self.experiment(public_id))
        data = serializer.data
        unbind(serializer)
        return Response(data)


class ExperimentAssignment(ExperimentView):
    serializer_class = AssignmentSerializer

    def allowed_params(self) -> set[str]:
        return {"unit"}

    @extend_schema(
        parameters=[UNIT_PARAMETER],
        responses={200: AssignmentSerializer, **api_docs.ASSIGNMENT_ERRORS},
        examples=api_docs.ASSIGNMENT_EXAMPLES,
        description="The variant a unit is assigned to in a running experiment that we "
        "allocate: deterministic (the same unit, the same variant, on every call), in "
        "proportion to the weights. 409 when the experiment is stopped or split on your own "
        "platform.",
    )
    def get(self, request, public_id: str):
        units = request.query_params.getlist("unit")
        if len(units) != 1:
            raise params.InvalidParameter({"unit": [ONE_UNIT]})
        experiment = self.experiment(public_id)
        if experiment.status != Experiment.Status.RUNNING:
            raise ExperimentConflict()
        if experiment.allocation != Experiment.Allocation.OURS:
            raise PartnerAllocates()
        variants = list(experiment.variants.all())
        allocation = Allocation(
            experiment.public_id,
            tuple(v.key for v in variants),
            tuple(float(v.weight) for v in variants),
        )
        try:
            index = allocation.assign_index(units[0])
        except AssignmentError as error:
            # Its words never repeat the unit.
            raise params.InvalidParameter({"unit": [str(error)]}) from None
        chosen = variants[index]
        body = {
            "experiment": experiment.public_id,
            "variant": chosen.key,
            "message": chosen.message.public_id,
        }
        return Response(AssignmentSerializer(body).data)


class ExperimentCounts(MetricWriteView):
    serializer_class = ExperimentCountsSerializer

    def fingerprint_parts(self, request) -> list:
        # The same body for two experiments is two reports.
        return [*super().fingerprint_parts(request), request.path]

    @extend_schema(
        request=ExperimentCountsSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={200: ExperimentCountsOutSerializer, **api_docs.EXPERIMENT_COUNTS_ERRORS},
        examples=api_docs.EXPERIMENT_COUNTS_EXAMPLES,
        description="Report your counts per variant and day (up to 1,000 rows): impressions "
        "and reach are the outputs, cta_clicks, helpline_contacts and partner_outcome the "
        "outcomes, each at most the impressions. A row sent again replaces the one before, "
        "never adds to it. All rows are stored or, on any error, none.",
    )
    def post(self, request, public_id: str):
        if not params.PUBLIC_ID_RE["exp"].match(public_id):
            raise NotFound()
        # The scope is a write scope: only an API key gets here, never a staff session.
        api_key = cast(PartnerClient, request.user).api_key
        experiment = selectors.partner_experiment(
            audience=selectors.Audience.for_key(api_key), now=self.now, public_id=public_id
        )
        if experiment is None:
            raise NotFound()
        serializer = ExperimentCountsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rows = [dict(row) for row in serializer.validated_data["counts"]]
        partner = request.user.partner

        def write():
            try:
                recorded = record_experiment_counts(
                    experiment=experiment, source=partner.public_id, rows=rows
                )
            except ExperimentError as error:
                raise ValidationError({"counts": error.messages}) from None
            body = ExperimentCountsOutSerializer(recorded).data
            return status.HTTP_200_OK, dict(body)

        return self.respond(request, write)
