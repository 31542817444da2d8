#include <bits/stdc++.h>
using namespace std;

// Function to check if the brackets in the expression are balanced
bool areBracketsBalanced(string expr) {
    stack<char> s;
    // Traversing the expression
    for (int i = 0; i < (int)expr.length(); i++) {
        char ch = expr[i];
        // Push an opening bracket onto the stack
        if (ch == '(' || ch == '{' || ch == '[') {
            s.push(ch);
        } else {
            // A closing bracket needs a matching opening bracket, so the stack cannot be empty
            if (s.empty())
                return false;
            char top = s.top();
            s.pop();
            // Check that the popped bracket matches the current closing bracket
            if ((top == '(' && ch != ')') || (top == '{' && ch != '}') || (top == '[' && ch != ']'))
                return false;
        }
    }
    // The expression is balanced only if no opening bracket is left
    return s.empty();
}

// Driver code
int main() {
    string exprs[] = {"{()}[]", "[(])"};
    for (string expr : exprs) {
        if (areBracketsBalanced(expr))
            cout << "Balanced" << endl;
        else
            cout << "Not Balanced" << endl;
    }
    return 0;
}
