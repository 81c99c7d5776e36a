/** Where GraphQL is served: the route, the explorer's and the order-form kit's endpoint, the 404 text, and a path no other page may take. */
export const GRAPHQL_PATH = '/graphql';
