// Until the GraphQL schema lands, `npm start` runs the Partner Center emulator.
import './emulator/main';
