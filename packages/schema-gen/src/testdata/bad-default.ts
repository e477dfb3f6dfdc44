/** +resource:group=bad.example.dev,version=v1 */
export interface Gadget {
  spec?: {
    /** +default=c */
    mode?: 'a' | 'b';
  };
}
