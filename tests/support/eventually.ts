/** The one polling helper, from `@kapi/apiserver-core/testing`; kept here so tests import it beside their other support. */
export { eventually } from '@kapi/apiserver-core/testing';
