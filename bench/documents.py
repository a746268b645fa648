"""The three GraphQL documents ``bench.api`` sends to casegraph and to its comparator."""

TYPENAME = "{ __typename }"  # P0: the stack's floor, no database read
CASE = (
    "query($id: ID!) { case(id: $id) { id name status state version createdAt "
    "template { id name key } } }"
)
CASES = (
    "query($first: Int) { cases(first: $first) { edges { node { id name status createdAt "
    "template { id name } assignee { id email name } inquiries { id status referenceId } } } "
    "pageInfo { hasNextPage endCursor } } }"
)
CASE_CREATE = (
    "mutation($t: ID!) { caseCreate(input: {templateId: $t}) { "
    "... on CasePayload { case { id name status } } } }"
)
